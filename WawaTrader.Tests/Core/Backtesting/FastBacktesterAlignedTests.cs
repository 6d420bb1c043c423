using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>
/// The loop for one shared calendar (which skips the steps where nothing can happen) against the general loop on the same
/// data: long seeded random walks, many crossings, fills on word boundaries of the crossing masks, warm-up steps, exact equity.
/// </summary>
public sealed class FastBacktesterAlignedTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aligned_loop_gives_the_general_loop_results(int seed)
    {
        var r = new Random(seed);
        var series = RandomWalks(r.Next(1, 6), r.Next(500, 4000), r);
        var data = new FastBacktestData(series);
        Assert.True(data.Aligned);
        var fast = r.Next(1, 12);
        var settings = new FastBacktestSettings(fast, fast + r.Next(1, 30), r.Next(2) == 0 ? 10 : 33.3333,
            r.Next(2) == 0 ? 20 : 100, r.Next(2) == 0 ? 50 : 100, r.Next(3) == 0 ? 3 : 10_000, r.Next(2) == 0 ? 0.5 : 2, 70);
        var costs = r.Next(3) switch { 0 => new BacktestCosts(0m, 0m, 0m, 0m), 1 => new BacktestCosts(0.005m, 0m, 1m, 2m), _ => new BacktestCosts(0.01m, 0.05m, 5m, 7.5m) };
        var cash = r.Next(2) == 0 ? 100_000m : 5_000m + r.Next(5_000);
        var tradeFrom = r.Next(3) == 0 ? r.Next(data.StepCount) : 0;
        var exact = r.Next(2) == 0;

        var aligned = new FastBacktester(data, costs, cash);
        var general = new FastBacktester(data, costs, cash) { GeneralLoopOnly = true };
        var fills = aligned.Run(settings, recordTrades: true, exactEquity: exact, tradeFromStep: tradeFrom);

        Assert.Equal(general.Run(settings, recordTrades: true, exactEquity: exact, tradeFromStep: tradeFrom), fills);
        Assert.Equal(general.Trades.Select(t => $"{t} {t.Qty} {t.Price} {t.Fee}"), aligned.Trades.Select(t => $"{t} {t.Qty} {t.Price} {t.Fee}"));
        Assert.Equal(general.Equity.ToArray(), aligned.Equity.ToArray());
        if (exact) Assert.Equal(general.ExactEquity!.Select(e => e.ToString()), aligned.ExactEquity!.Select(e => e.ToString()));
    }

    private static BacktestSeries[] RandomWalks(int symbols, int bars, Random r)
    {
        var start = new DateTime(2021, 3, 1, 14, 30, 0, DateTimeKind.Utc);
        var series = new BacktestSeries[symbols];
        for (var s = 0; s < symbols; s++)
        {
            var price = 20.0 + s * 7;
            var list = new Bar[bars];
            for (var i = 0; i < bars; i++)
            {
                var open = price;
                price = Math.Max(1, price * (1 + (r.NextDouble() - 0.5) * 0.02));
                list[i] = new Bar(start.AddMinutes(i), open, Math.Max(open, price), Math.Min(open, price), Math.Round(price, 2), 1000);
            }
            series[s] = new BacktestSeries($"R{s}", list);
        }
        return series;
    }
}
