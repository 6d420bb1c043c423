using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>
/// A backtest with a pure analyst runs the trading cycle's sequence as plain calls (<see cref="SynchronousCycle"/>); it must give
/// exactly what driving <see cref="WawaTrader.Core.Trading.TradingCycle"/> itself gives: trades, equity, benchmark, metrics, warnings.
/// </summary>
public sealed class SynchronousCycleTests
{
    private static readonly Backtester Plain = new();
    private static readonly Backtester ThroughCycle = new() { DrivesTradingCycle = true };

    private static BacktestSeries Series(string file, string symbol, DateTime? from = null, DateTime? to = null) =>
        new(symbol, [.. CsvBarReader.ReadFile(SharedData.MarketFile(file)).Where(b => (from is null || b.Time >= from) && (to is null || b.Time <= to))]);

    public static TheoryData<string> TechnicalCases => ["defaults", "loose limits", "tight cash", "percent costs", "two calendars"];

    [Theory]
    [MemberData(nameof(TechnicalCases))]
    public async Task The_technical_analyst_gives_the_same_backtest_either_way(string name)
    {
        var spy = Series("SPY-2017-2018-daily.csv", "SPY");
        var orcl = Series("ORCL-1995-2014-daily.csv", "ORCL", new DateTime(2010, 1, 1), new DateTime(2014, 12, 31));
        var goog = Series("GOOG-2004-2013-daily.csv", "GOOG", new DateTime(2010, 1, 1));
        var request = name switch
        {
            "defaults" => new BacktestRequest([spy], "technical", new Dictionary<string, string>(), new BacktestCosts(0.005m, 0m, 1m, 2m), 100_000m),
            "loose limits" => new BacktestRequest([orcl, goog], "technical", new Dictionary<string, string>
            {
                ["Risk:MaxPositionPct"] = "40", ["Risk:MaxExposurePct"] = "90", ["Risk:MinConfidence"] = "55", ["Trading:PositionSizePct"] = "30",
                ["Risk:MaxDailyLossPct"] = "1",
            }, new BacktestCosts(0.005m, 0m, 1m, 5m), 100_000m),
            "tight cash" => new BacktestRequest([orcl, goog], "technical", new Dictionary<string, string>
            {
                ["Risk:MaxPositionPct"] = "100", ["Risk:MaxExposurePct"] = "100", ["Risk:MinConfidence"] = "50", ["Trading:PositionSizePct"] = "60",
            }, new BacktestCosts(0.01m, 0m, 5m, 10m), 3_000m),
            "percent costs" => new BacktestRequest([goog], "technical", new Dictionary<string, string> { ["Risk:MinConfidence"] = "60", ["StopLossAtrMultiple"] = "1.5" },
                new BacktestCosts(0m, 0.1m, 1m, 0m), 50_000m),
            _ => new BacktestRequest([spy, Series("YHOO-1996-2015-daily.csv", "YHOO", new DateTime(2014, 6, 1))], "technical",
                new Dictionary<string, string> { ["Risk:MinConfidence"] = "55", ["Risk:MaxTradesPerDay"] = "1" }, new BacktestCosts(0.005m, 0m, 1m, 2m), 100_000m),
        };

        await AssertSameAsync(request);
    }

    [Theory]
    [InlineData(79)]
    [InlineData(247)]
    [InlineData(1003)]
    [InlineData(1011)]
    [InlineData(1017)]
    [InlineData(1029)]
    public async Task Sma_cross_on_random_portfolios_gives_the_same_backtest_either_way(int seed) =>
        await AssertSameAsync(FastBacktesterRandomTests.RandomRequest(seed));

    private static async Task AssertSameAsync(BacktestRequest request)
    {
        var plain = await Plain.RunAsync(request, null, CancellationToken.None);
        var cycle = await ThroughCycle.RunAsync(request, null, CancellationToken.None);

        Assert.NotEmpty(cycle.Trades);
        Assert.Equal(cycle.Trades, plain.Trades);
        Assert.Equal(cycle.Trades.Select(t => $"{t.Qty} {t.Price} {t.Fee}"), plain.Trades.Select(t => $"{t.Qty} {t.Price} {t.Fee}"));
        Assert.Equal(cycle.Equity, plain.Equity);
        Assert.Equal(cycle.BenchmarkEquity, plain.BenchmarkEquity);
        Assert.Equal(cycle.Metrics, plain.Metrics);
        Assert.Equal(cycle.Warnings, plain.Warnings);
    }
}
