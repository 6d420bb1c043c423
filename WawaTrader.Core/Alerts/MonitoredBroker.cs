using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// The registered broker with its reachability watched: a call that throws (other than a cancellation) marks the broker
/// unreachable and a later call that succeeds marks it reachable again; each change is published once as
/// <see cref="BrokerReachabilityChanged"/>. Calls, results and exceptions pass through unchanged; the bar feed
/// (<see cref="IMarketBarSink"/>) is forwarded when the broker has one.
/// </summary>
public sealed class MonitoredBroker(IBroker inner, AgentEventHub hub, TimeProvider time) : IBroker, IMarketBarSink
{
    private int _unreachable;

    public IBroker Inner => inner;

    public string Name => inner.Name;

    public Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken) => WatchAsync(() => inner.SubmitOrderAsync(request, cancellationToken));

    public Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken) => WatchAsync(() => inner.GetOrderAsync(clientOrderId, cancellationToken));

    public Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken) => WatchAsync(() => inner.GetAccountAsync(cancellationToken));

    public Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken) => WatchAsync(() => inner.CancelOpenOrdersAsync(cancellationToken));

    public Task OnBarAsync(string symbol, Bar bar, CancellationToken cancellationToken) =>
        inner is IMarketBarSink sink ? sink.OnBarAsync(symbol, bar, cancellationToken) : Task.CompletedTask;

    private async Task<T> WatchAsync<T>(Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            if (Interlocked.Exchange(ref _unreachable, 0) == 1) hub.Publish(new BrokerReachabilityChanged(time.GetUtcNow().UtcDateTime, true, null));
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (Interlocked.Exchange(ref _unreachable, 1) == 0) hub.Publish(new BrokerReachabilityChanged(time.GetUtcNow().UtcDateTime, false, ex.GetBaseException().Message));
            throw;
        }
    }
}
