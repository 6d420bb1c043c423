using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// One walk-forward window: the grid optimised on the in-sample steps [<see cref="TrainFrom"/>, <see cref="TrainTo"/>], the best
/// set then run out of sample on [<see cref="TestFrom"/>, <see cref="TestTo"/>] (market times, inclusive).
/// </summary>
public sealed record WalkForwardWindow(
    DateTime TrainFrom,
    DateTime TrainTo,
    DateTime TestFrom,
    DateTime TestTo,
    IReadOnlyDictionary<string, string> Best,
    BacktestMetrics InSample,
    BacktestMetrics OutOfSample);

/// <summary>The windows, and the out-of-sample equity of all windows chained (each window's returns compounded) with its metrics.</summary>
public sealed record WalkForwardResult(IReadOnlyList<WalkForwardWindow> Windows, IReadOnlyList<EquityPoint> OutOfSampleEquity, BacktestMetrics OutOfSample);

/// <summary>
/// Walk-forward optimisation on the fast path: optimise on <c>trainBars</c> bar times, test the best set on the next
/// <c>testBars</c>, roll forward by <c>testBars</c>, so test periods never overlap and each uses parameters chosen only from
/// earlier data. A test run starts flat with the initial cash; its indicators are warmed up on the window's in-sample bars (past
/// data only) and it trades only from the test's first bar. In-sample and out-of-sample metrics are reported side by side.
/// </summary>
public static class WalkForward
{
    /// <summary>Least in-sample or out-of-sample length of a window, in bar times.</summary>
    public const int MinBars = 2;

    /// <summary>
    /// How many windows fit in <paramref name="stepCount"/> bar times: ⌊(steps − train) / test⌋, 0 when not even one does
    /// (or a length is below <see cref="MinBars"/>).
    /// </summary>
    public static int WindowCount(int stepCount, int trainBars, int testBars) =>
        trainBars < MinBars || testBars < MinBars || stepCount < trainBars + testBars ? 0 : (stepCount - trainBars) / testBars;

    /// <summary>Runs the walk-forward; <paramref name="request"/> must be a fast-path strategy.</summary>
    public static WalkForwardResult Run(
        BacktestRequest request,
        ParameterGrid grid,
        string metric,
        int trainBars,
        int testBars,
        RiskOptions? risk = null,
        double? positionSizePct = null,
        int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default) =>
        Run(request, grid, metric, trainBars, testBars, risk, positionSizePct, maxDegreeOfParallelism, null, cancellationToken);

    /// <summary>
    /// Runs the walk-forward, reporting the fraction done (0–1, by window and by parameter set within a window) to
    /// <paramref name="progress"/>. Throws <see cref="ArgumentException"/> when not one window fits in the bars.
    /// </summary>
    public static WalkForwardResult Run(
        BacktestRequest request,
        ParameterGrid grid,
        string metric,
        int trainBars,
        int testBars,
        RiskOptions? risk,
        double? positionSizePct,
        int? maxDegreeOfParallelism,
        IProgress<double>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grid);
        if (!FastBacktester.Supports(request.Strategy, request.Llm)) throw new NotSupportedException($"Walk-forward needs a fast-path strategy (was '{request.Strategy}').");
        if (trainBars < MinBars) throw new ArgumentOutOfRangeException(nameof(trainBars), trainBars, "At least 2 in-sample bars are needed.");
        if (testBars < MinBars) throw new ArgumentOutOfRangeException(nameof(testBars), testBars, "At least 2 out-of-sample bars are needed.");
        var full = new FastBacktestData(request.Series, request.From, request.To);
        var all = full.StepTimes;
        var windowCount = WindowCount(all.Length, trainBars, testBars);
        if (windowCount == 0)
            throw new ArgumentException($"{all.Length} bars are too few for one walk-forward window of {trainBars} in-sample + {testBars} out-of-sample bars.", nameof(trainBars));
        var sets = grid.Combinations(request.Parameters);
        var windows = new List<WalkForwardWindow>();
        var chained = new List<EquityPoint>();
        var value = request.InitialCash;
        for (var start = 0; start + trainBars + testBars <= all.Length; start += testBars)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (trainFrom, trainTo) = (all[start], all[start + trainBars - 1]);
            var (testFrom, testTo) = (all[start + trainBars], all[start + trainBars + testBars - 1]);

            var train = new FastBacktestData(request.Series, trainFrom, trainTo);
            var window = windows.Count;
            var windowProgress = progress is null ? null : new Scaled(progress, window, windowCount);
            var ranked = Optimizer.Rank(Optimizer.RunFast(train, request.Costs, request.InitialCash, request.RiskFreeRatePct, sets,
                risk, positionSizePct, 0, maxDegreeOfParallelism, windowProgress, cancellationToken), metric);
            var best = ranked[0];

            var test = new FastBacktestData(request.Series, trainFrom, testTo);
            var outOfSample = Optimizer.RunFast(test, request.Costs, request.InitialCash, request.RiskFreeRatePct, [best.Parameters],
                risk, positionSizePct, tradeFromStep: trainBars, maxDegreeOfParallelism: 1, cancellationToken: cancellationToken)[0];
            windows.Add(new WalkForwardWindow(trainFrom, trainTo, testFrom, testTo, best.Parameters, best.Metrics, outOfSample.Metrics));

            var worker = new FastBacktester(test, request.Costs, request.InitialCash);
            worker.Run(FastBacktestSettings.From(best.Parameters, risk, positionSizePct), recordTrades: false, exactEquity: true, tradeFromStep: trainBars);
            var startValue = worker.ExactEquity![trainBars];
            for (var k = trainBars; k < test.StepCount; k++)
            {
                chained.Add(new EquityPoint(test.StepTimes[k], value * worker.ExactEquity[k] / startValue));
            }
            value = chained[^1].Value;
            progress?.Report((double)windows.Count / windowCount);
        }
        var overall = PerformanceMetrics.Compute(chained, [], FastBacktester.BarsPerYear(full), request.RiskFreeRatePct);
        return new WalkForwardResult(windows, chained, overall);
    }

    /// <summary>A window's fraction mapped into the whole run's: (window + fraction) / windows, slightly below the window's end.</summary>
    private sealed class Scaled(IProgress<double> progress, int window, int windows) : IProgress<double>
    {
        public void Report(double value) => progress.Report((window + 0.99 * Math.Clamp(value, 0, 1)) / windows);
    }
}
