namespace WawaTrader.Core.Alerts;

/// <summary>Where one alert stands on one channel: queued, sent, or failed after its last attempt.</summary>
public enum AlertStatus { Pending, Sent, Failed }

/// <summary>
/// The record of one alert on one channel, as the Alerts page and <c>GET /api/alerts</c> list it. <see cref="Time"/> is when
/// the alert was raised and <see cref="CompletedAt"/> when it was sent or given up (wall time, UTC); <see cref="Error"/> is
/// the exact failure of the last attempt; <see cref="Count"/> is how many alerts a grouped message stands for (1 otherwise).
/// </summary>
public sealed record AlertDelivery(
    long Id,
    DateTime Time,
    AlertType Type,
    AlertSeverity Severity,
    AlertChannelKind Channel,
    string Subject,
    AlertStatus Status,
    int Attempts,
    string? Error,
    DateTime? CompletedAt,
    Guid? DecisionId,
    int Count)
{
    /// <summary>The agent that raised the alert, when read from a database shared by agents; null when not recorded.</summary>
    public string? Agent { get; init; }
}

/// <summary>Filters of <see cref="IAlertStore.QueryAsync"/>; null means any. Newest first, at most <see cref="Limit"/> (1..<see cref="MaxLimit"/>).</summary>
public sealed record AlertQuery(AlertType? Type = null, AlertChannelKind? Channel = null, AlertStatus? Status = null, int Limit = AlertQuery.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

/// <summary>The narrow store of alert deliveries (implemented over EF Core in Persistence).</summary>
public interface IAlertStore
{
    /// <summary>Records a new delivery (its <see cref="AlertDelivery.Id"/> is ignored) and returns it with its id.</summary>
    Task<AlertDelivery> AddAsync(AlertDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Writes the status, attempts, error and completion time of a recorded delivery.</summary>
    Task UpdateAsync(AlertDelivery delivery, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertDelivery>> QueryAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>Marks every delivery still Pending and made before <paramref name="createdBefore"/> as Failed with
    /// <paramref name="error"/> at <paramref name="time"/> (wall time, UTC); returns how many. Called at start-up with the process's
    /// start time: such a record belongs to a process that stopped before delivering it (not to one this process just queued).</summary>
    Task<int> FailPendingAsync(string error, DateTime time, DateTime createdBefore, CancellationToken cancellationToken);
}
