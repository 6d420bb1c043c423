using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Web.Components.Dashboard;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class BuyAndHoldTests
{
    private static readonly DateTime M0 = Bars.DefaultStart;
    private static readonly DateTime Wall0 = new(2024, 3, 1, 15, 0, 0, DateTimeKind.Utc);

    // AAPL 100 → 110 → 120, MSFT 50 → 45 → 55, one-minute bars from M0.
    private static readonly Dictionary<string, IReadOnlyList<Bar>> TwoSymbols = new()
    {
        ["AAPL"] = Bars.FromCloses(100, 110, 120),
        ["MSFT"] = Bars.FromCloses(50, 45, 55),
    };

    private static PerformanceSnapshot Snapshot(int second, DateTime marketTime, decimal equity) =>
        new(Wall0.AddSeconds(second), marketTime, equity, equity, 0m, 0m);

    [Fact]
    public void Splits_the_starting_equity_equally_at_the_start_closes()
    {
        var held = BuyAndHold.Open(10_000m, M0, TwoSymbols)!;

        // 5,000 each: 50 AAPL at 100, 100 MSFT at 50.
        Assert.Equal(50m, held.Shares["AAPL"]);
        Assert.Equal(100m, held.Shares["MSFT"]);
        Assert.Equal(10_000m, held.StartEquity);
    }

    [Fact]
    public void Marks_the_holdings_at_each_snapshots_last_close()
    {
        var snapshots = new[]
        {
            Snapshot(0, M0, 10_000m),
            Snapshot(5, M0.AddMinutes(1).AddSeconds(30), 10_100m), // between bars: the 1-minute closes 110 and 45
            Snapshot(10, M0.AddMinutes(2), 9_900m),
        };

        var series = BuyAndHold.Series(snapshots, TwoSymbols);

        // 50·100 + 100·50; 50·110 + 100·45; 50·120 + 100·55.
        Assert.Equal([new ChartPoint(Wall0, 10_000m), new ChartPoint(Wall0.AddSeconds(5), 10_000m), new ChartPoint(Wall0.AddSeconds(10), 11_500m)], series);
    }

    [Fact]
    public void Starts_at_the_first_snapshot_the_bars_reach_with_that_snapshots_equity()
    {
        var snapshots = new[]
        {
            Snapshot(0, M0.AddMinutes(-5), 9_000m), // before the first bar: no price yet
            Snapshot(5, M0.AddMinutes(1), 12_000m),
            Snapshot(10, M0.AddMinutes(2), 12_500m),
        };

        var series = BuyAndHold.Series(snapshots, TwoSymbols);

        // 6,000 each at 110 and 45; then 6,000·120/110 + 6,000·55/45.
        Assert.Equal(2, series.Count);
        Assert.Equal(new ChartPoint(Wall0.AddSeconds(5), 12_000m), series[0]);
        Assert.Equal(Wall0.AddSeconds(10), series[1].Time);
        Assert.Equal(6_000m * 120 / 110 + 6_000m * 55 / 45, series[1].Value, 10);
    }

    [Fact]
    public void A_symbol_without_a_price_at_the_start_is_left_out()
    {
        var bars = new Dictionary<string, IReadOnlyList<Bar>>
        {
            ["AAPL"] = Bars.FromCloses(100, 110, 120),
            ["NEW"] = [new Bar(M0.AddMinutes(2), 10, 10, 10, 10, 1)],
        };

        var held = BuyAndHold.Open(1_000m, M0, bars)!;

        Assert.Equal(["AAPL"], held.Shares.Keys);
        Assert.Equal(1_200m, held.ValueAt(M0.AddMinutes(2), bars));
    }

    [Fact]
    public void Cannot_open_before_any_bar()
    {
        Assert.Null(BuyAndHold.Open(1_000m, M0.AddMinutes(-1), TwoSymbols));
        Assert.Empty(BuyAndHold.Series([Snapshot(0, M0.AddMinutes(-1), 1_000m)], TwoSymbols));
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, 100d)]
    [InlineData(0.5, 100d)]
    [InlineData(1, 110d)]
    [InlineData(60, 120d)]
    public void Close_at_or_before_takes_the_last_bar_not_after_the_time(double minutes, double? expected)
    {
        Assert.Equal(expected, BuyAndHold.CloseAtOrBefore(TwoSymbols["AAPL"], M0.AddMinutes(minutes)));
    }

    [Fact]
    public void The_past_is_priced_at_the_recorded_closes_and_the_rest_at_the_market()
    {
        // The market regenerated AAPL's first two bars (after a restart) at 900 and 910; the agent had recorded 100 and 110.
        var market = new Dictionary<string, IReadOnlyList<Bar>> { ["AAPL"] = Bars.FromCloses(900, 910, 120), ["MSFT"] = TwoSymbols["MSFT"] };
        var recorded = new Dictionary<string, IReadOnlyList<RecordedBar>> { ["AAPL"] = [new(M0, 100), new(M0.AddMinutes(1), 110)] };

        var prices = BuyAndHold.WithRecorded(recorded, market);

        Assert.Equal([100d, 110d, 120d], prices["AAPL"].Select(b => b.Close));
        Assert.Equal([M0, M0.AddMinutes(1), M0.AddMinutes(2)], prices["AAPL"].Select(b => b.Time));
        Assert.Same(market["MSFT"], prices["MSFT"]);
    }
}
