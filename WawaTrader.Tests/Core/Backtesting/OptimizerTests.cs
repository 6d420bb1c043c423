using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class OptimizerTests
{
    private static BacktestRequest SpyRequest() =>
        new([new BacktestSeries("SPY", CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv")))],
            "sma-cross", new Dictionary<string, string> { ["Risk:MaxPositionPct"] = "50", ["Risk:MaxExposurePct"] = "50", ["Trading:PositionSizePct"] = "40" },
            new BacktestCosts(0.005m, 0m, 1m, 2m), 100_000m);

    [Fact]
    public void Grid_is_the_cartesian_product_with_base_parameters_underneath()
    {
        var grid = ParameterGrid.Parse(["fast=2,3", "slow=10,20,30"]);
        var sets = grid.Combinations(new Dictionary<string, string> { ["fast"] = "9", ["x"] = "1" });

        Assert.Equal(6, grid.Count);
        Assert.Equal(
            ["2/10", "2/20", "2/30", "3/10", "3/20", "3/30"],
            sets.Select(p => $"{p["fast"]}/{p["slow"]}"));
        Assert.All(sets, p => Assert.Equal("1", p["x"]));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("=1,2")]
    [InlineData("fast=")]
    public void Bad_grid_spec_is_refused(string spec) => Assert.Throws<FormatException>(() => ParameterGrid.Parse([spec]));

    [Theory]
    [InlineData("totalReturn")]
    [InlineData("sharpe")]
    [InlineData("maxDrawdown")]
    public async Task Best_set_matches_a_brute_force_loop(string metric)
    {
        var request = SpyRequest();
        var grid = ParameterGrid.Parse(["fast=3,5,8", "slow=15,30,50"]);

        var ranked = await Optimizer.OptimizeAsync(request, grid, metric);

        double? bestValue = null;
        IReadOnlyDictionary<string, string>? best = null;
        foreach (var set in grid.Combinations(request.Parameters))
        {
            var value = Optimizer.Value(FastBacktester.Run(request with { Parameters = set }).Metrics, metric);
            var better = value is not null && (bestValue is null || (metric == "maxDrawdown" ? value < bestValue : value > bestValue));
            if (better) (bestValue, best) = (value, set);
        }
        Assert.Equal(9, ranked.Count);
        Assert.Equal(best!["fast"], ranked[0].Parameters["fast"]);
        Assert.Equal(best["slow"], ranked[0].Parameters["slow"]);
        Assert.Equal(bestValue!.Value, Optimizer.Value(ranked[0].Metrics, metric)!.Value, 9);
    }

    [Fact]
    public async Task Full_path_sweep_on_all_cores_equals_the_sequential_sweep_and_runs_every_set()
    {
        var request = SpyRequest() with { Strategy = "technical" };
        var grid = ParameterGrid.Parse(["Risk:MinConfidence=60,70,80", "Trading:PositionSizePct=5,20"]);
        var backtester = new Backtester();
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        var inFlight = 0;
        var maxInFlight = 0;
        async Task<BacktestResult> Engine(BacktestRequest r, CancellationToken token)
        {
            seen.Add($"{r.Parameters["Risk:MinConfidence"]}/{r.Parameters["Trading:PositionSizePct"]}");
            var now = Interlocked.Increment(ref inFlight);
            lock (seen) maxInFlight = Math.Max(maxInFlight, now);
            try
            {
                await Task.Yield();
                return await backtester.RunAsync(r, null, token);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        var parallel = await Optimizer.OptimizeAsync(request, grid, "totalReturn", Engine, maxDegreeOfParallelism: 2);
        var sequential = await Optimizer.OptimizeAsync(request, grid, "totalReturn", (r, t) => backtester.RunAsync(r, null, t), maxDegreeOfParallelism: 1);

        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(6, parallel.Count);
        Assert.Equal(sequential.Select(r => (r.Parameters["Risk:MinConfidence"], r.Parameters["Trading:PositionSizePct"], r.Metrics.TotalReturn)),
            parallel.Select(r => (r.Parameters["Risk:MinConfidence"], r.Parameters["Trading:PositionSizePct"], r.Metrics.TotalReturn)));
        Assert.True(maxInFlight <= 2);
    }

    [Fact]
    public void Ranking_puts_undefined_metrics_last_and_lower_drawdown_first()
    {
        static OptimizationRun Run(string id, double dd, double? sharpe) => new(new Dictionary<string, string> { ["id"] = id },
            new BacktestMetrics(0, null, null, sharpe, null, dd, 0, null, null, null, null, null, 0, 0, 0));
        OptimizationRun[] runs = [Run("a", 0.3, null), Run("b", 0.1, 1), Run("c", 0.2, 2)];

        Assert.Equal(["c", "b", "a"], Optimizer.Rank(runs, "sharpe").Select(r => r.Parameters["id"]));
        Assert.Equal(["b", "c", "a"], Optimizer.Rank(runs, "maxDrawdown").Select(r => r.Parameters["id"]));
        Assert.Throws<ArgumentException>(() => Optimizer.Rank(runs, "luck"));
    }
}
