using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// The registered journal with its writes watched: a write that throws (other than a cancellation) is published as
/// <see cref="DatabaseWriteFailed"/> (with the innermost error: EF wraps the provider's) and rethrown unchanged. Reads pass straight through.
/// </summary>
public sealed class MonitoredJournal(IDecisionJournal inner, AgentEventHub hub, TimeProvider time) : IDecisionJournal
{
    public IDecisionJournal Inner => inner;

    public Task RecordDecisionAsync(DecisionRecord decision, CancellationToken cancellationToken) =>
        WatchAsync("record decision", () => inner.RecordDecisionAsync(decision, cancellationToken));

    public Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken) =>
        WatchAsync("update order", () => inner.UpdateOrderAsync(order, cancellationToken));

    public Task RecordSnapshotAsync(PerformanceSnapshot snapshot, CancellationToken cancellationToken) =>
        WatchAsync("record snapshot", () => inner.RecordSnapshotAsync(snapshot, cancellationToken));

    public Task<IReadOnlyList<OrderRecord>> GetOpenOrdersAsync(CancellationToken cancellationToken) => inner.GetOpenOrdersAsync(cancellationToken);

    public Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(string? symbol, int limit, CancellationToken cancellationToken) =>
        inner.GetDecisionsAsync(symbol, limit, cancellationToken);

    public Task<DecisionRecord?> GetDecisionAsync(Guid id, CancellationToken cancellationToken) => inner.GetDecisionAsync(id, cancellationToken);

    public Task<IReadOnlyList<TradeRecord>> GetTradesAsync(int limit, CancellationToken cancellationToken) => inner.GetTradesAsync(limit, cancellationToken);

    public Task<int> CountOrdersSinceAsync(DateTime marketTimeFrom, CancellationToken cancellationToken) => inner.CountOrdersSinceAsync(marketTimeFrom, cancellationToken);

    public Task<IReadOnlyList<PerformanceSnapshot>> GetSnapshotsAsync(DateTime? from, int limit, CancellationToken cancellationToken) =>
        inner.GetSnapshotsAsync(from, limit, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Market.RecordedBar>>> GetDecidedClosesAsync(DateTime marketTimeFrom, CancellationToken cancellationToken) =>
        inner.GetDecidedClosesAsync(marketTimeFrom, cancellationToken);

    public Task<DecisionPage> QueryDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken) => inner.QueryDecisionsAsync(query, cancellationToken);

    public IAsyncEnumerable<DecisionRecord> StreamDecisionsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        inner.StreamDecisionsAsync(from, to, cancellationToken);

    public IAsyncEnumerable<TradeRecord> StreamTradesAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        inner.StreamTradesAsync(from, to, cancellationToken);

    public IAsyncEnumerable<PerformanceSnapshot> StreamSnapshotsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        inner.StreamSnapshotsAsync(from, to, cancellationToken);

    private async Task WatchAsync(string operation, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            hub.Publish(new DatabaseWriteFailed(time.GetUtcNow().UtcDateTime, operation, ex.GetBaseException().Message));
            throw;
        }
    }
}
