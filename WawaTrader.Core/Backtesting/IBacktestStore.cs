namespace WawaTrader.Core.Backtesting;

/// <summary>
/// Where backtest runs are kept (settings, status, and when completed metrics, equity curves and trades), so a run can be
/// re-opened later and after a restart.
/// </summary>
public interface IBacktestStore
{
    /// <summary>Inserts the run, or replaces the stored one with the same id.</summary>
    Task SaveAsync(BacktestRun run, CancellationToken cancellationToken);

    /// <summary>The run with its result, or null when there is none with this id.</summary>
    Task<BacktestRun?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The newest runs first, at most <paramref name="limit"/>, without equity curves and trades.</summary>
    Task<IReadOnlyList<BacktestRunSummary>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks every run still queued or running as failed with <paramref name="reason"/> at <paramref name="time"/> (used at
    /// start-up: a run that was in progress when the process stopped will never finish). Returns how many were marked.
    /// </summary>
    Task<int> FailUnfinishedAsync(string reason, DateTime time, CancellationToken cancellationToken);
}
