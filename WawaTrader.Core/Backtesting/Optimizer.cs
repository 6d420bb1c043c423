using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Backtesting;

/// <summary>One parameter set of a sweep and its metrics.</summary>
public sealed record OptimizationRun(IReadOnlyDictionary<string, string> Parameters, BacktestMetrics Metrics);

/// <summary>
/// Grid search: every combination of a <see cref="ParameterGrid"/> over the request's parameters, run in parallel on all cores
/// (Parallel.For, one <see cref="FastBacktester"/> per worker sharing one <see cref="FastBacktestData"/>) when the strategy has a
/// fast path, else through <c>fullPath</c> (the engine). Results are ranked by a metric (<see cref="Rank"/>): higher is better
/// except <c>maxDrawdown</c>, <c>maxDrawdownDays</c> and <c>volatility</c>; an undefined (null) metric ranks last; ties keep
/// grid order.
/// </summary>
public static class Optimizer
{
    /// <summary>Metric names (camelCase, as in the JSON output) a sweep can be ranked by.</summary>
    public static readonly IReadOnlyList<string> Metrics =
        ["totalReturn", "cagr", "volatility", "sharpe", "sortino", "maxDrawdown", "maxDrawdownDays", "calmar", "winRate", "profitFactor", "tradeCount", "exposure"];

    /// <summary>Runs the grid and returns every run ranked best first.</summary>
    /// <param name="fullPath">The engine, used when the strategy has no fast path (null: such a request throws).</param>
    /// <param name="maxDegreeOfParallelism">Workers (default: all cores).</param>
    public static async Task<IReadOnlyList<OptimizationRun>> OptimizeAsync(
        BacktestRequest request,
        ParameterGrid grid,
        string metric,
        Func<BacktestRequest, CancellationToken, Task<BacktestResult>>? fullPath = null,
        RiskOptions? risk = null,
        double? positionSizePct = null,
        int? maxDegreeOfParallelism = null,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grid);
        RequireMetric(metric);
        var sets = grid.Combinations(request.Parameters);
        if (FastBacktester.Supports(request.Strategy, request.Llm))
        {
            var data = new FastBacktestData(request.Series, request.From, request.To);
            return Rank(RunFast(data, request.Costs, request.InitialCash, request.RiskFreeRatePct, sets, risk, positionSizePct, 0,
                maxDegreeOfParallelism, progress, cancellationToken), metric);
        }
        if (fullPath is null) throw new NotSupportedException($"Strategy '{request.Strategy}' has no fast path and no engine was given.");
        var runs = new OptimizationRun[sets.Count];
        var done = 0;
        // Full-path runs share nothing, so they go on all cores too; a live model is asked one run at a time (its own
        // concurrency limit is per run, and a sweep must not flood the model server).
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = request.Llm == LlmBacktestMode.Live ? 1 : maxDegreeOfParallelism ?? Environment.ProcessorCount,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, sets.Count), parallel, async (i, token) =>
        {
            var result = await fullPath(request with { Parameters = sets[i] }, token);
            runs[i] = new OptimizationRun(sets[i], result.Metrics);
            progress?.Report(Interlocked.Increment(ref done) / (double)sets.Count);
        });
        return Rank(runs, metric);
    }

    /// <summary>Runs every set on the fast path in parallel; results in the order of <paramref name="sets"/>.</summary>
    /// <param name="tradeFromStep">First step the strategy may trade at; metrics cover the equity from there on.</param>
    public static OptimizationRun[] RunFast(
        FastBacktestData data,
        BacktestCosts costs,
        decimal initialCash,
        double riskFreeRatePct,
        IReadOnlyList<IReadOnlyDictionary<string, string>> sets,
        RiskOptions? risk = null,
        double? positionSizePct = null,
        int tradeFromStep = 0,
        int? maxDegreeOfParallelism = null,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sets);
        var settings = sets.Select(p => FastBacktestSettings.From(p, risk, positionSizePct)).ToArray();
        var runs = new OptimizationRun[sets.Count];
        var barsPerYear = FastBacktester.BarsPerYear(data);
        var done = 0;
        var options = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount,
        };
        Parallel.For(0, sets.Count, options,
            () => new Worker(new FastBacktester(data, costs, initialCash), new EquityPoint[data.StepCount - tradeFromStep]),
            (i, _, worker) =>
            {
                worker.Backtester.Run(settings[i], recordTrades: true, exactEquity: false, tradeFromStep);
                var equity = worker.Backtester.Equity;
                for (var k = 0; k < worker.Points.Length; k++)
                    worker.Points[k] = new EquityPoint(data.StepTimes[k + tradeFromStep], (decimal)equity[k + tradeFromStep]);
                runs[i] = new OptimizationRun(sets[i], PerformanceMetrics.Compute(worker.Points, worker.Backtester.Trades, barsPerYear, riskFreeRatePct));
                if (progress is not null) progress.Report((double)Interlocked.Increment(ref done) / sets.Count);
                return worker;
            },
            _ => { });
        return runs;
    }

    /// <summary>Ranks <paramref name="runs"/> by <paramref name="metric"/>, best first (stable).</summary>
    public static IReadOnlyList<OptimizationRun> Rank(IEnumerable<OptimizationRun> runs, string metric)
    {
        RequireMetric(metric);
        var lowerIsBetter = LowerIsBetter(metric);
        return runs
            .Select((run, index) => (run, index, value: Value(run.Metrics, metric)))
            .OrderBy(x => x.value is null || double.IsNaN(x.value.Value) ? 1 : 0)
            .ThenBy(x => x.value is { } v ? (lowerIsBetter ? v : -v) : 0)
            .ThenBy(x => x.index)
            .Select(x => x.run)
            .ToArray();
    }

    /// <summary>True for metrics where a smaller value is better.</summary>
    public static bool LowerIsBetter(string metric) =>
        metric.Equals("maxDrawdown", StringComparison.OrdinalIgnoreCase)
        || metric.Equals("maxDrawdownDays", StringComparison.OrdinalIgnoreCase)
        || metric.Equals("volatility", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of the metric named <paramref name="metric"/> (camelCase, case-insensitive).</summary>
    public static double? Value(BacktestMetrics m, string metric)
    {
        ArgumentNullException.ThrowIfNull(m);
        return metric.ToLowerInvariant() switch
        {
            "totalreturn" => m.TotalReturn,
            "cagr" => m.Cagr,
            "volatility" => m.Volatility,
            "sharpe" => m.Sharpe,
            "sortino" => m.Sortino,
            "maxdrawdown" => m.MaxDrawdown,
            "maxdrawdowndays" => m.MaxDrawdownDays,
            "calmar" => m.Calmar,
            "winrate" => m.WinRate,
            "profitfactor" => m.ProfitFactor,
            "tradecount" => m.TradeCount,
            "exposure" => m.Exposure,
            _ => throw new ArgumentException($"Unknown metric '{metric}'; use one of {string.Join(", ", Metrics)}.", nameof(metric)),
        };
    }

    private static void RequireMetric(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!Metrics.Contains(metric, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown metric '{metric}'; use one of {string.Join(", ", Metrics)}.", nameof(metric));
    }

    private sealed record Worker(FastBacktester Backtester, EquityPoint[] Points);
}
