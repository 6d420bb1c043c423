using BenchmarkDotNet.Attributes;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Benchmarks;

/// <summary>
/// The sweep of issue 6: 1,000 parameter sets (fast 1..40 × slow 41..65, costs and risk rules on) × 5 symbols × 2,500 daily
/// bars of a seeded random walk, on all cores, each set with its metrics, ranked by Sharpe. Goal: under 5 s on 2 cores.
/// Includes preparing the data and the SMA cache (one call is a whole sweep, as a user would run it).
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    private BacktestRequest _request = null!;
    private ParameterGrid _grid = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = new BacktestRequest(SweepData.RandomWalks(5, 2_500, TimeSpan.FromDays(1), seed: 11), "sma-cross",
            new Dictionary<string, string> { ["Risk:MaxPositionPct"] = "20", ["Trading:PositionSizePct"] = "15", ["Risk:MaxExposurePct"] = "90" },
            new BacktestCosts(0.005m, 0m, 1m, 2m), 100_000m);
        _grid = ParameterGrid.Parse([
            "fast=" + string.Join(',', Enumerable.Range(1, 40)),
            "slow=" + string.Join(',', Enumerable.Range(41, 25)),
        ]);
    }

    [Benchmark]
    public async Task<int> Sweep_1000Sets_5Symbols_2500Bars() =>
        (await Optimizer.OptimizeAsync(_request, _grid, "sharpe")).Count;
}
