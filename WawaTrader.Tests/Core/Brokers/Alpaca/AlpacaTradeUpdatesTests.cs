using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Core.Trading;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>Alpaca's trade_updates stream brings our orders up to date at once; after a drop, reconciliation recovers the gap.</summary>
public sealed class AlpacaTradeUpdatesTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static async Task<(AlpacaBrokerHarness Harness, InMemoryDecisionJournal Journal, AlpacaTradeUpdates Stream, OrderRecord Order)> StartAsync()
    {
        var journal = new InMemoryDecisionJournal();
        var harness = await AlpacaBrokerHarness.StartAsync(configure: s => s.AddSingleton<IDecisionJournal>(journal).AddSingleton<AgentEventHub>());
        harness.Fake.SetPrice("AAPL", 100m);
        var decision = JournalData.Decision("AAPL", withOrder: true, status: OrderStatus.Accepted);
        await journal.RecordDecisionAsync(decision, Ct);
        await harness.Broker.SubmitOrderAsync(new OrderRequest(decision.Order!.ClientOrderId, "AAPL", OrderSide.Buy, decision.Order.Quantity), Ct);
        var stream = harness.Services.GetRequiredService<AlpacaTradeUpdates>();
        await stream.StartAsync(Ct);
        await Eventually.UntilAsync(() => stream.Listening && harness.Fake.Listeners == 1, "the stream to listen");
        return (harness, journal, stream, decision.Order);
    }

    [Fact]
    public async Task A_partial_fill_then_a_fill_reach_our_records_from_the_stream_without_asking_alpaca()
    {
        var (harness, journal, stream, order) = await StartAsync();
        await using var _ = harness;
        var requestsBefore = harness.Fake.Requests.Count;

        harness.Fake.FillPartially(order.ClientOrderId, 7m, 100m);
        await Eventually.UntilAsync(() => journal.GetOpenOrdersAsync(Ct).Result.Single().Status == OrderStatus.PartiallyFilled, "the partial fill");
        harness.Fake.FillOpenOrders("AAPL", 101m);
        await Eventually.UntilAsync(() => journal.GetOpenOrdersAsync(Ct).Result.Count == 0, "the fill");
        await stream.StopAsync(Ct);

        var recorded = (await journal.GetDecisionAsync(order.DecisionId, Ct))!.Order!;
        Assert.Equal(OrderStatus.Filled, recorded.Status);
        Assert.Equal([(7m, 100m), (10m, 101m)], recorded.Fills.Select(f => (f.Quantity, f.Price)));
        Assert.Equal(requestsBefore, harness.Fake.Requests.Count);
    }

    [Fact]
    public async Task A_fill_while_the_stream_is_down_is_recovered_by_reconciling_when_it_reconnects()
    {
        var (harness, journal, stream, order) = await StartAsync();
        await using var _ = harness;

        harness.Fake.StreamUp = false;
        harness.Fake.DropStreams();
        await Eventually.UntilAsync(() => !stream.Listening, "the stream to drop");
        harness.Fake.FillOpenOrders("AAPL", 102m);
        var appliedWhileDown = stream.UpdatesApplied;
        harness.Fake.StreamUp = true;
        await Eventually.UntilAsync(() => journal.GetOpenOrdersAsync(Ct).Result.Count == 0, "the fill to be recovered");
        await stream.StopAsync(Ct);

        Assert.Equal(0, appliedWhileDown);
        Assert.Equal(OrderStatus.Filled, (await journal.GetDecisionAsync(order.DecisionId, Ct))!.Order!.Status);
        Assert.Contains(harness.Services.GetRequiredService<ReconciliationLog>().Events, e => e.ClientOrderId == order.ClientOrderId && e.Kind == ReconciliationKind.OrderUpdated);
    }
}
