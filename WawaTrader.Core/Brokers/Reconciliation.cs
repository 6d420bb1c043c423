using Microsoft.Extensions.Logging;
using WawaTrader.Core.Agents;

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

/// <summary>One difference found and repaired in our records (never by trading). Time is wall time (UTC). <see cref="OurValue"/> and
/// <see cref="BrokerValue"/> are what each side said (shares held, an order's status), when the difference is one of values.</summary>
public sealed record ReconciliationEvent(DateTime Time, ReconciliationKind Kind, string? Symbol, string? ClientOrderId, string Description)
{
    /// <summary>What our records said (shares held, an order's status); null when the difference is not one of values.</summary>
    public string? OurValue { get; init; }

    /// <summary>What the broker said, as <see cref="OurValue"/>.</summary>
    public string? BrokerValue { get; init; }

    /// <summary>The stored event's id (0 until stored); ids grow with time, so "before id" pages back through the history.</summary>
    public long Id { get; init; }

    /// <summary>The agent that recorded it (<c>Agent:Name</c>), as the store read it back; null before it is stored.</summary>
    public string? Agent { get; init; }
}

/// <summary>Where reconciliation events are kept across restarts (the journal database's <c>reconciliation_events</c>, or memory
/// without one). Each agent reads its own.</summary>
public interface IReconciliationStore
{
    Task AddAsync(ReconciliationEvent reconciliationEvent, CancellationToken cancellationToken);

    /// <summary>This agent's events, newest first: at most <paramref name="limit"/>, older than the event <paramref name="beforeId"/>
    /// when given (the next page).</summary>
    Task<IReadOnlyList<ReconciliationEvent>> GetLatestAsync(int limit, long? beforeId, CancellationToken cancellationToken);
}

/// <summary>Reconciliation events kept in memory (no database: tools, tests): lost on restart, at most <see cref="ReconciliationLog.Capacity"/>.</summary>
public sealed class InMemoryReconciliationStore : IReconciliationStore
{
    private readonly Lock _gate = new();
    private readonly LinkedList<ReconciliationEvent> _events = new();
    private long _nextId;

    public Task AddAsync(ReconciliationEvent reconciliationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reconciliationEvent);
        lock (_gate)
        {
            _events.AddFirst(reconciliationEvent with { Id = ++_nextId, Agent = reconciliationEvent.Agent ?? AgentOptions.DefaultName });
            while (_events.Count > ReconciliationLog.Capacity) _events.RemoveLast();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReconciliationEvent>> GetLatestAsync(int limit, long? beforeId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ReconciliationEvent>>(_events.Where(e => beforeId is null || e.Id < beforeId).Take(Math.Max(0, limit)).ToList());
    }
}

/// <summary>The reconciliation events of this run, newest first, at most <see cref="Capacity"/>, each also written to the
/// <see cref="IReconciliationStore"/> (so the dashboard and the API show them after a restart) and logged by the reconciler.
/// A store that refuses a write is logged; the event stays in this run's list.</summary>
public sealed class ReconciliationLog(IReconciliationStore store, ILogger<ReconciliationLog> logger)
{
    public const int Capacity = 500;

    private readonly Lock _gate = new();
    private readonly LinkedList<ReconciliationEvent> _events = new();

    /// <summary>Where the events are kept across restarts.</summary>
    public IReconciliationStore Store => store;

    /// <summary>When the last reconciliation ran to the end (wall time, UTC), or null before the first.</summary>
    public DateTime? LastRun { get; private set; }

    /// <summary>This run's events, newest first.</summary>
    public IReadOnlyList<ReconciliationEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    internal async Task AddAsync(ReconciliationEvent reconciliationEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.AddFirst(reconciliationEvent);
            while (_events.Count > Capacity) _events.RemoveLast();
        }
        try
        {
            await store.AddAsync(reconciliationEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ReconciliationNotStored(logger, ex, reconciliationEvent.Description);
        }
    }

    internal void Completed(DateTime time)
    {
        lock (_gate) LastRun = time;
    }
}
