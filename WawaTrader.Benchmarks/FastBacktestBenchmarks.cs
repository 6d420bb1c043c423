using BenchmarkDotNet.Attributes;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Benchmarks;

/// <summary>
/// The fast path's loop: SMA 10/30 crossover with costs (per-share commission, minimum, slippage) and the risk rules, over
/// 5 symbols × 200,000 one-minute bars of seeded random walks (1,000,000 bar-steps per call; SMAs cached after the first
/// call, as in a sweep). Bar-steps per second = 1,000,000 / mean time.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn] // the machine is shared: the fastest and the middle run say more than the mean alone
public class FastBacktestBenchmarks
{
    private const int Symbols = 5;
    private const int BarsPerSymbol = 200_000;
    private FastBacktester _backtester = null!;
    private FastBacktestSettings _settings;

    [GlobalSetup]
    public void Setup()
    {
        var data = new FastBacktestData(SweepData.RandomWalks(Symbols, BarsPerSymbol, TimeSpan.FromMinutes(1), seed: 7));
        _backtester = new FastBacktester(data, new BacktestCosts(0.005m, 0m, 1m, 2m), 100_000m);
        _settings = FastBacktestSettings.From(new Dictionary<string, string>
        {
            ["fast"] = "10", ["slow"] = "30", ["Risk:MaxTradesPerDay"] = "10000", ["Risk:MaxPositionPct"] = "20",
        });
        SmaCross();
    }

    /// <summary>One run of 1,000,000 bar-steps.</summary>
    [Benchmark(OperationsPerInvoke = Symbols * BarsPerSymbol)]
    public int SmaCross() => _backtester.Run(_settings, recordTrades: true);
}

/// <summary>Seeded random-walk bars for the backtesting benchmarks.</summary>
public static class SweepData
{
    public static BacktestSeries[] RandomWalks(int symbols, int bars, TimeSpan step, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2010, 1, 4, 14, 30, 0, DateTimeKind.Utc);
        var series = new BacktestSeries[symbols];
        for (var s = 0; s < symbols; s++)
        {
            var price = 50.0 + s * 10;
            var list = new Bar[bars];
            for (var i = 0; i < bars; i++)
            {
                var open = price;
                price = Math.Max(1, price * (1 + (random.NextDouble() - 0.5) * 0.02));
                list[i] = new Bar(start + step * i, open, Math.Max(open, price) * 1.002, Math.Min(open, price) * 0.998, price, 1e6);
            }
            series[s] = new BacktestSeries($"S{s}", list);
        }
        return series;
    }
}
