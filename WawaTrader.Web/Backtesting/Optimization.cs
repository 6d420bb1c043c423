using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>Walk-forward lengths in bar times: optimise on <see cref="TrainBars"/>, test on the next <see cref="TestBars"/>, roll by <see cref="TestBars"/>.</summary>
public sealed record WalkForwardSpec(int TrainBars, int TestBars);

/// <summary>One swept parameter and its values, in the order given.</summary>
public sealed record GridAxis(string Key, IReadOnlyList<string> Values);

/// <summary>What an optimisation runs: the base backtest, the grid over it, the metric runs are ranked by and, optionally, a walk-forward.</summary>
public sealed record OptimizationRequest(BacktestRequest Backtest, ParameterGrid Grid, string Rank, WalkForwardSpec? WalkForward = null)
{
    /// <summary>The grid's axes as records.</summary>
    public IReadOnlyList<GridAxis> Axes => [.. Grid.Axes.Select(a => new GridAxis(a.Key, a.Values))];
}

/// <summary>What an optimisation found: every parameter set ranked best first, and the walk-forward when one was asked for.</summary>
public sealed record OptimizationOutcome(IReadOnlyList<OptimizationRun> Runs, WalkForwardResult? WalkForward);

/// <summary>
/// One optimisation as the runner keeps it (in memory, for the app's lifetime): id, when created and finished (wall time, UTC),
/// status, progress (fraction 0–1), the base settings, grid, rank metric and walk-forward lengths, and the outcome once
/// <see cref="BacktestStatus.Completed"/> or the error once <see cref="BacktestStatus.Failed"/>.
/// </summary>
public sealed record Optimization(
    Guid Id,
    DateTime Created,
    BacktestStatus Status,
    double Progress,
    BacktestSettings Settings,
    IReadOnlyList<GridAxis> Grid,
    string Rank,
    WalkForwardSpec? WalkForward,
    OptimizationOutcome? Outcome = null,
    string? Error = null,
    DateTime? Finished = null)
{
    /// <summary>Number of parameter sets in the grid.</summary>
    public long Combinations => Grid.Aggregate(1L, (n, a) => n * a.Values.Count);

    /// <summary>True once the optimisation can no longer change (completed, failed or canceled).</summary>
    public bool IsFinal => Status is BacktestStatus.Completed or BacktestStatus.Failed or BacktestStatus.Canceled;
}
