using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Risk;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// Runs one optimisation (the grid, then the walk-forward if asked) as the runner sees it, so a test can put a gated stand-in in
/// its place. Progress is reported as a fraction 0–1.
/// </summary>
public delegate Task<OptimizationOutcome> OptimizationEngine(OptimizationRequest request, IProgress<double>? progress, CancellationToken cancellationToken);

/// <summary>The real <see cref="OptimizationEngine"/>: <see cref="Optimizer"/> for the ranked grid, <see cref="WalkForward"/> for the windows.</summary>
public static class OptimizationWork
{
    /// <summary>
    /// An engine that sweeps the grid (fast path where the strategy has one, else each set through <paramref name="backtest"/>) and
    /// then, when asked, walks forward; <paramref name="limits"/> gives the risk limits and position size (percent) parameters
    /// fall back to. Progress is split between the two parts by the bar-steps each scans.
    /// </summary>
    public static OptimizationEngine Create(BacktestEngine backtest, Func<(RiskOptions Risk, double PositionSizePct)> limits)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        ArgumentNullException.ThrowIfNull(limits);
        return (request, progress, ct) => Task.Run(async () =>
        {
            var (risk, sizePct) = limits();
            var b = request.Backtest;
            var gridShare = 1.0;
            if (request.WalkForward is { } wf && progress is not null)
            {
                var steps = new FastBacktestData(b.Series, b.From, b.To).StepCount;
                var walkSteps = (double)WalkForward.WindowCount(steps, wf.TrainBars, wf.TestBars) * (wf.TrainBars + wf.TestBars);
                gridShare = steps / Math.Max(1, steps + walkSteps);
            }
            var gridProgress = progress is null ? null : new Part(progress, 0, gridShare);
            var runs = await Optimizer.OptimizeAsync(b, request.Grid, request.Rank, (r, token) => backtest(r, null, token), risk, sizePct,
                progress: gridProgress, cancellationToken: ct);
            WalkForwardResult? walk = null;
            if (request.WalkForward is { } spec)
            {
                var walkProgress = progress is null ? null : new Part(progress, gridShare, 1 - gridShare);
                walk = WalkForward.Run(b, request.Grid, request.Rank, spec.TrainBars, spec.TestBars, risk, sizePct, null, walkProgress, ct);
            }
            progress?.Report(1);
            return new OptimizationOutcome(runs, walk);
        }, ct);
    }

    /// <summary>A part's fraction mapped onto [offset, offset + share] of the whole.</summary>
    private sealed class Part(IProgress<double> whole, double offset, double share) : IProgress<double>
    {
        public void Report(double value) => whole.Report(offset + share * Math.Clamp(value, 0, 1));
    }
}
