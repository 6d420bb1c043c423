using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class BacktestSizingTests
{
    private static readonly BacktestDefaults Live = BacktestDefaults.BuiltIn with { PositionSizePct = 7, Risk = new RiskOptions { MaxPositionPct = 12, MaxExposurePct = 40 } };

    [Fact]
    public void Recording_writes_the_live_values_where_the_run_sets_none_and_keeps_its_own()
    {
        var recorded = BacktestSizing.Record(new Dictionary<string, string> { ["fast"] = "10", ["Risk:MaxExposurePct"] = "50" }, Live);

        Assert.Equal(new Dictionary<string, string>
        {
            ["fast"] = "10", ["Trading:PositionSizePct"] = "7", ["Risk:MaxPositionPct"] = "12", ["Risk:MaxExposurePct"] = "50",
        }, recorded);
    }

    [Fact]
    public void The_size_alias_is_recorded_under_its_full_key()
    {
        var recorded = BacktestSizing.Record(new Dictionary<string, string> { ["size"] = "20" }, Live);

        Assert.False(recorded.ContainsKey("size"));
        Assert.Equal("20", recorded["Trading:PositionSizePct"]);
    }

    [Fact]
    public void A_recorded_run_reads_back_as_the_header_sentence()
    {
        var sizing = BacktestSizing.Read(BacktestSizing.Record(new Dictionary<string, string>(), BacktestDefaults.BuiltIn));

        Assert.Equal("Position size 5% of equity · max position 10% · max exposure 30%", sizing.Describe());
    }

    [Fact]
    public void A_run_stored_before_the_record_says_what_it_does_not_know()
    {
        Assert.Equal("Position size and risk limits not recorded: the run is older than that record and used the live settings of its day.",
            BacktestSizing.Read(new Dictionary<string, string> { ["fast"] = "10" }).Describe());
        Assert.Equal("Position size 20% of equity · max position not recorded · max exposure not recorded",
            BacktestSizing.Read(new Dictionary<string, string> { ["size"] = "20" }).Describe());
    }

    [Fact]
    public void A_bad_value_is_refused_naming_its_key()
    {
        var error = Assert.Throws<ArgumentException>(() => BacktestSizing.Record(new Dictionary<string, string> { ["Trading:PositionSizePct"] = "0" }, Live));

        Assert.Equal("Trading:PositionSizePct", error.ParamName);
    }
}
