using System.Collections.Concurrent;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>
/// Wraps a real broker (the paper broker) and, when an order is submitted, records what the journal held for it at that
/// moment, so a test can prove the decision was written before the broker saw the order. Can be made to fail on submit
/// (a send that never arrives) or on reading the account (a broker that cannot be reached). Forwards bars to the inner
/// broker when it simulates executions.
/// </summary>
internal sealed class RecordingBroker(IBroker inner, IDecisionJournal journal) : IBroker, IMarketBarSink
{
    private readonly ConcurrentQueue<(OrderRequest Request, OrderRecord? InJournal)> _submissions = new();
    private volatile bool _failSubmit;
    private volatile bool _failAccount;

    public string Name => inner.Name;

    /// <summary>Every submission attempt (failed ones too), with the journal's record of that order when it was made.</summary>
    public IReadOnlyCollection<(OrderRequest Request, OrderRecord? InJournal)> Submissions => _submissions;

    public bool FailSubmit
    {
        get => _failSubmit;
        set => _failSubmit = value;
    }

    public bool FailAccount
    {
        get => _failAccount;
        set => _failAccount = value;
    }

    /// <summary>Run when an order is submitted, before anything else (a test looks at the database at that moment).</summary>
    public Func<Task>? BeforeSubmit { get; set; }

    public async Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        if (BeforeSubmit is { } before) await before();
        var open = await journal.GetOpenOrdersAsync(cancellationToken);
        _submissions.Enqueue((request, open.FirstOrDefault(o => o.ClientOrderId == request.ClientOrderId)));
        if (FailSubmit) throw new HttpRequestException("connection reset while sending the order");
        return await inner.SubmitOrderAsync(request, cancellationToken);
    }

    public Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken) =>
        inner.GetOrderAsync(clientOrderId, cancellationToken);

    public Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken) =>
        FailAccount ? throw new HttpRequestException("broker unreachable") : inner.GetAccountAsync(cancellationToken);

    public Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken) => inner.CancelOpenOrdersAsync(cancellationToken);

    public Task OnBarAsync(string symbol, Bar bar, CancellationToken cancellationToken) =>
        inner is IMarketBarSink sink ? sink.OnBarAsync(symbol, bar, cancellationToken) : Task.CompletedTask;
}
