namespace WawaTrader.Core.Brokers;

/// <summary>What a reconciliation found different between the broker (the truth) and our records.</summary>
public enum ReconciliationKind
{
    /// <summary>An open order of ours moved at the broker (filled, canceled, expired...) and our record was brought up to date.</summary>
    OrderUpdated,
    /// <summary>An order in our journal that the broker never saw; recorded as not sent, never sent late.</summary>
    OrderNeverReachedBroker,
    /// <summary>An order open at the broker that this app did not place (made by hand or by another program); left alone.</summary>
    ForeignOrder,
    /// <summary>A position at the broker differs from what our recorded fills add up to (changed behind our back); the broker's is kept.</summary>
    PositionDiffers,
}

/// <summary>One difference found and repaired in our records (never by trading). Time is wall time (UTC).</summary>
public sealed record ReconciliationEvent(DateTime Time, ReconciliationKind Kind, string? Symbol, string? ClientOrderId, string Description);

/// <summary>The reconciliation events of this run, newest first, at most <see cref="Capacity"/> (kept in memory; each is also logged).</summary>
public sealed class ReconciliationLog
{
    public const int Capacity = 500;
    private readonly Lock _gate = new();
    private readonly LinkedList<ReconciliationEvent> _events = new();

    /// <summary>When the last reconciliation ran to the end (wall time, UTC), or null before the first.</summary>
    public DateTime? LastRun { get; private set; }

    public IReadOnlyList<ReconciliationEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    internal void Add(ReconciliationEvent reconciliationEvent)
    {
        lock (_gate)
        {
            _events.AddFirst(reconciliationEvent);
            while (_events.Count > Capacity) _events.RemoveLast();
        }
    }

    internal void Completed(DateTime time)
    {
        lock (_gate) LastRun = time;
    }
}
