using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence.Fallback;

/// <summary>The app's <see cref="IDecisionJournal"/>: writes through <see cref="DurableJournal"/> (batched into the database, else the fallback
/// file), reads from the database (what waits in the file appears there once it has been replayed).</summary>
public sealed class DurableDecisionJournal(DurableJournal durable, EfDecisionJournal database) : IDecisionJournal
{
    public Task RecordDecisionAsync(DecisionRecord decision, CancellationToken cancellationToken) =>
        durable.WriteAsync(new FallbackEntry(Decision: decision), cancellationToken);

    public Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken) =>
        durable.WriteAsync(new FallbackEntry(OrderUpdate: order), cancellationToken);

    public Task RecordSnapshotAsync(PerformanceSnapshot snapshot, CancellationToken cancellationToken) =>
        durable.WriteAsync(new FallbackEntry(Snapshot: snapshot), cancellationToken);

    public Task<IReadOnlyList<OrderRecord>> GetOpenOrdersAsync(CancellationToken cancellationToken) => database.GetOpenOrdersAsync(cancellationToken);

    public Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(string? symbol, int limit, CancellationToken cancellationToken) =>
        database.GetDecisionsAsync(symbol, limit, cancellationToken);

    public Task<DecisionRecord?> GetDecisionAsync(Guid id, CancellationToken cancellationToken) => database.GetDecisionAsync(id, cancellationToken);

    public Task<IReadOnlyList<TradeRecord>> GetTradesAsync(int limit, CancellationToken cancellationToken) => database.GetTradesAsync(limit, cancellationToken);

    public Task<int> CountOrdersSinceAsync(DateTime marketTimeFrom, CancellationToken cancellationToken) =>
        database.CountOrdersSinceAsync(marketTimeFrom, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Market.RecordedBar>>> GetDecidedClosesAsync(DateTime marketTimeFrom, CancellationToken cancellationToken) =>
        database.GetDecidedClosesAsync(marketTimeFrom, cancellationToken);

    public Task<IReadOnlyList<PerformanceSnapshot>> GetSnapshotsAsync(DateTime? from, int limit, CancellationToken cancellationToken) =>
        database.GetSnapshotsAsync(from, limit, cancellationToken);

    public Task<DecisionPage> QueryDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken) => database.QueryDecisionsAsync(query, cancellationToken);

    public IAsyncEnumerable<DecisionRecord> StreamDecisionsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        database.StreamDecisionsAsync(from, to, cancellationToken);

    public IAsyncEnumerable<TradeRecord> StreamTradesAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        database.StreamTradesAsync(from, to, cancellationToken);

    public IAsyncEnumerable<PerformanceSnapshot> StreamSnapshotsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        database.StreamSnapshotsAsync(from, to, cancellationToken);
}
