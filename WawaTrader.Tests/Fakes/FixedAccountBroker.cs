using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Fakes;

/// <summary>
/// A broker whose account is whatever the test sets (<see cref="Account"/>), for tests of readers of the account
/// (portfolio, dashboard). It does not trade: every order comes back rejected, as a real broker reports a refusal.
/// </summary>
public sealed class FixedAccountBroker(BrokerAccount account) : IBroker
{
    private volatile BrokerAccount _account = account;

    public string Name => "FixedAccount";

    /// <summary>The account returned by <see cref="GetAccountAsync"/>; settable to simulate a change.</summary>
    public BrokerAccount Account
    {
        get => _account;
        set => _account = value;
    }

    public Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_account);
    }

    public Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new BrokerOrder(request.ClientOrderId, $"fixed-{request.ClientOrderId}", request.Symbol, request.Side,
            request.Quantity, OrderStatus.Rejected, DateTime.UnixEpoch, [], "FixedAccountBroker does not trade."));

    public Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken) =>
        Task.FromResult<BrokerOrder?>(null);

    public Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken) => Task.FromResult(0);
}
