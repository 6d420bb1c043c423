using WawaTrader.Core.Backtesting;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>The full path (the live pipeline) and the fast path give the same trades, equity, benchmark and metrics for <c>sma-cross</c>.</summary>
public sealed class BacktesterFastPathTests
{
    [Theory]
    [InlineData("10", "30", "90", "95")]
    [InlineData("5", "20", "5", "10")]
    [InlineData("3", "8", "30", "40")]
    public async Task Full_and_fast_paths_trade_the_same_on_SPY(string fast, string slow, string sizePct, string maxPositionPct)
    {
        var spy = new BacktestSeries("SPY", BacktesterTests.CsvBarReaderFile("SPY-2017-2018-daily.csv"));
        var parameters = new Dictionary<string, string>
        {
            ["fast"] = fast,
            ["slow"] = slow,
            ["Trading:PositionSizePct"] = sizePct,
            ["Risk:MaxPositionPct"] = maxPositionPct,
            ["Risk:MaxExposurePct"] = maxPositionPct,
        };
        var request = new BacktestRequest([spy], "sma-cross", parameters, new BacktestCosts(0.005m, 0.01m, 1m, 2m), 100_000m);

        var full = await new Backtester().RunAsync(request, null, CancellationToken.None);
        var quick = FastBacktester.Run(request);

        Assert.NotEmpty(full.Trades);
        Assert.Equal(full.Trades, quick.Trades);
        Assert.Equal(full.Equity, quick.Equity);
        Assert.Equal(full.BenchmarkEquity, quick.BenchmarkEquity);
        Assert.Equal(full.Metrics, quick.Metrics);
        Assert.Equal(full.Benchmark, quick.Benchmark);
    }
}
