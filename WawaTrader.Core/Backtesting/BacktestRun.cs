namespace WawaTrader.Core.Backtesting;

/// <summary>Where a backtest run is in its life: queued, running, then completed, failed or canceled (the last three are final).</summary>
public enum BacktestStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Canceled,
}

/// <summary>
/// The settings of a run as a user chose them (what the run list shows and a re-run needs, without the bars):
/// <see cref="Symbols"/> in the order of the series, <see cref="Sources"/> the file path or upload name of each,
/// costs, cash (account currency), model mode and the date limits (market time, inclusive).
/// </summary>
public sealed record BacktestSettings(
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> Sources,
    string Strategy,
    IReadOnlyDictionary<string, string> Parameters,
    BacktestCosts Costs,
    decimal InitialCash,
    LlmBacktestMode Llm,
    bool ForceLlmBeforeCutoff,
    DateTime? From,
    DateTime? To,
    double RiskFreeRatePct)
{
    /// <summary>The settings of <paramref name="request"/>; <paramref name="sources"/> names each series' origin (defaults to its symbol).</summary>
    public static BacktestSettings Of(BacktestRequest request, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new BacktestSettings(
            [.. request.Series.Select(s => s.Symbol)],
            sources ?? [.. request.Series.Select(s => s.Symbol)],
            request.Strategy,
            new Dictionary<string, string>(request.Parameters, StringComparer.Ordinal),
            request.Costs,
            request.InitialCash,
            request.Llm,
            request.ForceLlmBeforeCutoff,
            request.From,
            request.To,
            request.RiskFreeRatePct);
    }
}

/// <summary>
/// One backtest run: id, when it was created and finished (wall time, UTC), status, progress (fraction 0–1), its settings,
/// and the result once <see cref="BacktestStatus.Completed"/> or the error once <see cref="BacktestStatus.Failed"/>.
/// </summary>
public sealed record BacktestRun(
    Guid Id,
    DateTime Created,
    BacktestStatus Status,
    double Progress,
    BacktestSettings Settings,
    BacktestResult? Result = null,
    string? Error = null,
    DateTime? Finished = null)
{
    /// <summary>True once the run can no longer change (completed, failed or canceled).</summary>
    public bool IsFinal => Status is BacktestStatus.Completed or BacktestStatus.Failed or BacktestStatus.Canceled;
}

/// <summary>A run as the run list shows it: no equity curve or trades; <see cref="Metrics"/> and <see cref="Benchmark"/> when completed.</summary>
public sealed record BacktestRunSummary(
    Guid Id,
    DateTime Created,
    BacktestStatus Status,
    double Progress,
    BacktestSettings Settings,
    BacktestMetrics? Metrics,
    BacktestMetrics? Benchmark,
    string? Error,
    DateTime? Finished);
