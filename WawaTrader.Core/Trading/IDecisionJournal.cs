namespace WawaTrader.Core.Trading;

/// <summary>
/// The narrow store through which the engine and the UI read and write decisions, orders, fills and
/// performance snapshots. Implemented over EF Core in Persistence; nothing else touches EF types.
/// </summary>
public interface IDecisionJournal
{
    /// <summary>Writes a decision and, if it has one, its order (status New) in one transaction, before the order is sent.</summary>
    Task RecordDecisionAsync(DecisionRecord decision, CancellationToken cancellationToken);

    /// <summary>Updates an order's status, broker id, reject reason and fills (fills are replaced by the given list).</summary>
    Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken);

    /// <summary>Orders whose status is open (<see cref="Brokers.OrderStatuses.Open"/>): to reconcile with the broker at start-up and each cycle.</summary>
    Task<IReadOnlyList<OrderRecord>> GetOpenOrdersAsync(CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="symbol"/> null for all symbols.</summary>
    Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(string? symbol, int limit, CancellationToken cancellationToken);

    Task<DecisionRecord?> GetDecisionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Fills, newest first.</summary>
    Task<IReadOnlyList<TradeRecord>> GetTradesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Orders whose decision's bar time is at or after <paramref name="marketTimeFrom"/> and that were not rejected by the broker.</summary>
    Task<int> CountOrdersSinceAsync(DateTime marketTimeFrom, CancellationToken cancellationToken);

    Task RecordSnapshotAsync(PerformanceSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The close of the bar each decision was made on, for decisions on bars at or after <paramref name="marketTimeFrom"/>
    /// (market time, UTC), per symbol, oldest first, one per bar: the prices as the agent saw them, for charts of the past that
    /// must not depend on a market regenerating its history (the simulated market after a restart).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Market.RecordedBar>>> GetDecidedClosesAsync(DateTime marketTimeFrom, CancellationToken cancellationToken);

    /// <summary>Snapshots at or after <paramref name="from"/> (wall time), oldest first, at most <paramref name="limit"/> (the newest ones).</summary>
    Task<IReadOnlyList<PerformanceSnapshot>> GetSnapshotsAsync(DateTime? from, int limit, CancellationToken cancellationToken);

    /// <summary>One page of the decisions matching <paramref name="query"/>, newest first (wall time), with the total count.</summary>
    Task<DecisionPage> QueryDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken);

    /// <summary>Decisions made in [<paramref name="from"/>, <paramref name="to"/>) (wall time, UTC; null for open), oldest first, read as they are enumerated.</summary>
    IAsyncEnumerable<DecisionRecord> StreamDecisionsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken);

    /// <summary>
    /// Fills of orders submitted in [<paramref name="from"/>, <paramref name="to"/>) (the order's wall time, UTC; null for open),
    /// oldest first (fill time, then the order in which they were recorded), read as they are enumerated.
    /// </summary>
    IAsyncEnumerable<TradeRecord> StreamTradesAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken);

    /// <summary>Snapshots in [<paramref name="from"/>, <paramref name="to"/>) (wall time, UTC; null for open), oldest first, read as they are enumerated.</summary>
    IAsyncEnumerable<PerformanceSnapshot> StreamSnapshotsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken);
}
