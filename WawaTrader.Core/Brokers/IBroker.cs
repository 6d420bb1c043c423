using WawaTrader.Core.Market;

namespace WawaTrader.Core.Brokers;

/// <summary>The edge between the engine and a brokerage (built-in paper broker, Alpaca).</summary>
public interface IBroker
{
    string Name { get; }

    /// <summary>Submits a market order. Idempotent by <see cref="OrderRequest.ClientOrderId"/>: a repeat returns the existing order.
    /// A request the broker refuses comes back with <see cref="OrderStatus.Rejected"/> and a reason, not an exception.</summary>
    Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken);

    /// <summary>The order with this client order id, or null if the broker never saw it.</summary>
    Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken);

    Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken);

    /// <summary>Cancels every order still open; returns how many were canceled.</summary>
    Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken);
}

/// <summary>A broker that simulates executions from the market's bars (the paper broker): it fills pending orders and marks positions on each new bar.</summary>
public interface IMarketBarSink
{
    Task OnBarAsync(string symbol, Bar bar, CancellationToken cancellationToken);
}
