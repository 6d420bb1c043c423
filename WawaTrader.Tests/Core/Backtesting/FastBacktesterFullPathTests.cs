using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>
/// The fast path against the full path (the live pipeline) where its double screen must hand over to decimal: figures exactly
/// at a risk limit or a whole share, cash running out, symbols on different calendars, a daily-loss limit within a day.
/// </summary>
public sealed class FastBacktesterFullPathTests
{
    private static readonly BacktestCosts NoCosts = new(0m, 0m, 0m, 0m);

    private static async Task<(BacktestResult Full, BacktestResult Fast)> BothAsync(BacktestRequest request)
    {
        var full = await new Backtester().RunAsync(request, null, CancellationToken.None);
        return (full, FastBacktester.Run(request));
    }

    private static void AssertSame(BacktestResult full, BacktestResult fast)
    {
        Assert.Equal(full.Trades, fast.Trades);
        Assert.Equal(full.Trades.Select(t => (t.Qty.ToString(), t.Price.ToString(), t.Fee.ToString())),
            fast.Trades.Select(t => (t.Qty.ToString(), t.Price.ToString(), t.Fee.ToString())));
        Assert.Equal(full.Equity, fast.Equity);
        Assert.Equal(full.Metrics, fast.Metrics);
    }

    [Theory]
    [InlineData("10", true)]          // 800 shares × 12.5 = exactly 10 % of 100,000: at the limit passes
    [InlineData("9.9999999", false)]  // just under the figure: refused
    public async Task Position_and_exposure_exactly_at_the_limit_are_judged_as_the_full_path_does(string limit, bool buys)
    {
        // SMA(2) crosses above SMA(3) at the close of bar 4 (12.5); floor(100,000 × 10 % / 12.5) = 800 exactly.
        var bars = Bars.FromCloses(10, 10, 10, 9, 12.5, 12.5, 12.5, 12.5);
        var request = new BacktestRequest([new("X", bars)], "sma-cross", new Dictionary<string, string>
        {
            ["fast"] = "2", ["slow"] = "3", ["Trading:PositionSizePct"] = "10",
            ["Risk:MaxPositionPct"] = limit, ["Risk:MaxExposurePct"] = limit,
        }, NoCosts, 100_000m);

        var (full, fast) = await BothAsync(request);

        AssertSame(full, fast);
        if (buys) Assert.Equal(800m, Assert.Single(fast.Trades).Qty);
        else Assert.Empty(fast.Trades);
    }

    [Fact]
    public async Task Cash_running_out_refuses_the_same_orders_on_both_paths()
    {
        // Two symbols that each want 60 % of equity: whenever one is held the other's buy does not fit the cash left.
        var spy = BacktesterTests.CsvBarReaderFile("SPY-2017-2018-daily.csv");
        var other = spy.Select((b, i) => b with { Open = b.Open * (1 + 0.02 * Math.Sin(i / 3.0)), Close = b.Close * (1 + 0.02 * Math.Sin((i + 1) / 3.0)) }).ToArray();
        var request = new BacktestRequest([new("SPY", spy), new("OTH", other)], "sma-cross", new Dictionary<string, string>
        {
            ["fast"] = "3", ["slow"] = "8", ["Trading:PositionSizePct"] = "60",
            ["Risk:MaxPositionPct"] = "100", ["Risk:MaxExposurePct"] = "100", ["Risk:MaxTradesPerDay"] = "100",
        }, new BacktestCosts(0.005m, 0m, 1m, 5m), 100_000m);

        var (full, fast) = await BothAsync(request);

        AssertSame(full, fast);
        var held = new Dictionary<string, decimal>();
        var bothHeld = false;
        foreach (var t in fast.Trades)
        {
            held[t.Symbol] = held.GetValueOrDefault(t.Symbol) + (t.Side == OrderSide.Buy ? t.Qty : -t.Qty);
            bothHeld |= held.Values.Count(q => q > 0) > 1;
        }
        Assert.Contains(fast.Trades, t => t.Symbol == "OTH");
        Assert.False(bothHeld); // cash never covered both
    }

    [Fact]
    public async Task Symbols_on_different_minute_calendars_with_a_daily_loss_limit_trade_the_same_on_both_paths()
    {
        var spy = BacktesterTests.CsvBarReaderFile("SPY-2020-12-1min.csv");
        // A second symbol missing every fifth bar and a third starting later: the merged timeline differs from each calendar.
        var sparse = spy.Where((_, i) => i % 5 != 2).Select(b => b with { Open = b.Open / 3, Close = b.Close / 3 }).ToArray();
        var late = spy.Skip(200).Select((b, i) => b with { Close = b.Close * (1 + 0.001 * Math.Sin(i / 7.0)) }).ToArray();
        var request = new BacktestRequest([new("SPY", spy), new("THIRD", sparse), new("LATE", late)], "sma-cross", new Dictionary<string, string>
        {
            ["fast"] = "4", ["slow"] = "15", ["Trading:PositionSizePct"] = "20",
            ["Risk:MaxPositionPct"] = "40", ["Risk:MaxExposurePct"] = "50", ["Risk:MaxTradesPerDay"] = "40", ["Risk:MaxDailyLossPct"] = "0.1",
        }, new BacktestCosts(0.005m, 0.01m, 1m, 2m), 100_000m);

        var (full, fast) = await BothAsync(request);

        Assert.False(new FastBacktestData(request.Series).Aligned);
        AssertSame(full, fast);
        Assert.Equal(3, fast.Trades.Select(t => t.Symbol).Distinct().Count());
    }

    [Fact]
    public async Task Aligned_minute_symbols_trade_the_same_on_both_paths()
    {
        var spy = BacktesterTests.CsvBarReaderFile("SPY-2020-12-1min.csv");
        var twin = spy.Select((b, i) => b with { Open = b.Open * 0.25, Close = b.Close * 0.25 * (1 + 0.002 * Math.Cos(i / 5.0)) }).ToArray();
        var request = new BacktestRequest([new("SPY", spy), new("TWIN", twin)], "sma-cross", new Dictionary<string, string>
        {
            ["fast"] = "5", ["slow"] = "12", ["Trading:PositionSizePct"] = "15",
            ["Risk:MaxPositionPct"] = "30", ["Risk:MaxExposurePct"] = "45", ["Risk:MaxTradesPerDay"] = "25", ["Risk:MaxDailyLossPct"] = "0.1",
        }, new BacktestCosts(0.005m, 0m, 1m, 2m), 50_000m);

        var (full, fast) = await BothAsync(request);

        Assert.True(new FastBacktestData(request.Series).Aligned);
        AssertSame(full, fast);
        Assert.Equal(2, fast.Trades.Select(t => t.Symbol).Distinct().Count());
    }
}
