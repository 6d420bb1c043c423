using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>Alpaca is the truth: differences are repaired in our records and reported, never by placing an order.</summary>
public sealed class AlpacaReconcilerTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static async Task<(AlpacaBrokerHarness Harness, InMemoryDecisionJournal Journal)> StartAsync()
    {
        var journal = new InMemoryDecisionJournal();
        var harness = await AlpacaBrokerHarness.StartAsync(configure: s => s.AddSingleton<IDecisionJournal>(journal).AddSingleton<AgentEventHub>());
        harness.Fake.SetPrice("AAPL", 100m);
        return (harness, journal);
    }

    private static AlpacaReconciler Reconciler(AlpacaBrokerHarness harness) => harness.Services.GetRequiredService<AlpacaReconciler>();

    [Fact]
    public async Task A_position_changed_behind_our_back_is_reported_once_and_no_order_is_placed()
    {
        var (harness, journal) = await StartAsync();
        await using var _ = harness;
        await journal.RecordDecisionAsync(JournalData.Decision("AAPL", withOrder: true, status: OrderStatus.Filled,
            fills: [new Fill(JournalData.MarketOpen, 17m, 100m, 0m)]), Ct);
        harness.Fake.SetPosition("AAPL", 25m, 100m);

        var first = await Reconciler(harness).ReconcileAsync(atStartUp: true, Ct);
        var second = await Reconciler(harness).ReconcileAsync(atStartUp: false, Ct);

        var difference = Assert.Single(first);
        Assert.Equal((ReconciliationKind.PositionDiffers, "AAPL"), (difference.Kind, difference.Symbol));
        Assert.Contains("Alpaca holds 25 shares, our recorded fills add up to 17", difference.Description);
        Assert.Empty(second);
        Assert.Equal(0, harness.Fake.OrderPosts);
        Assert.Equal(25m, Assert.Single((await harness.Broker.GetAccountAsync(Ct)).Positions).Quantity);
        Assert.Equal(first, harness.Services.GetRequiredService<ReconciliationLog>().Events);
    }

    [Fact]
    public async Task An_order_filled_while_we_were_down_is_brought_up_to_date_with_its_fills()
    {
        var (harness, journal) = await StartAsync();
        await using var _ = harness;
        var decision = JournalData.Decision("AAPL", withOrder: true, status: OrderStatus.Accepted);
        await journal.RecordDecisionAsync(decision, Ct);
        var order = decision.Order!;
        await harness.Broker.SubmitOrderAsync(new OrderRequest(order.ClientOrderId, "AAPL", OrderSide.Buy, order.Quantity), Ct);
        harness.Fake.FillOpenOrders("AAPL", 101m);

        var found = await Reconciler(harness).ReconcileAsync(atStartUp: true, Ct);

        Assert.Equal(ReconciliationKind.OrderUpdated, Assert.Single(found).Kind);
        var recorded = (await journal.GetDecisionAsync(decision.Id, Ct))!.Order!;
        Assert.Equal(OrderStatus.Filled, recorded.Status);
        Assert.Equal([(17m, 101m)], recorded.Fills.Select(f => (f.Quantity, f.Price)));
        Assert.Empty(await journal.GetOpenOrdersAsync(Ct));
        Assert.Equal(1, harness.Fake.OrderPosts);
    }

    [Fact]
    public async Task An_order_alpaca_never_saw_is_recorded_as_not_sent_and_never_sent_late()
    {
        var (harness, journal) = await StartAsync();
        await using var _ = harness;
        var decision = JournalData.Decision("AAPL", withOrder: true, status: OrderStatus.New);
        await journal.RecordDecisionAsync(decision, Ct);

        var found = await Reconciler(harness).ReconcileAsync(atStartUp: true, Ct);

        Assert.Equal(ReconciliationKind.OrderNeverReachedBroker, Assert.Single(found).Kind);
        Assert.Equal(OrderStatus.Canceled, (await journal.GetDecisionAsync(decision.Id, Ct))!.Order!.Status);
        Assert.Equal(0, harness.Fake.OrderPosts);
    }

    [Fact]
    public async Task An_open_order_at_alpaca_that_we_did_not_place_is_reported_once_and_left_alone()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        await harness.Broker.SubmitOrderAsync(new OrderRequest("placed-by-hand", "AAPL", OrderSide.Buy, 2m), Ct);

        var first = await Reconciler(harness).ReconcileAsync(atStartUp: true, Ct);
        var second = await Reconciler(harness).ReconcileAsync(atStartUp: false, Ct);

        Assert.Equal((ReconciliationKind.ForeignOrder, "placed-by-hand"), (Assert.Single(first).Kind, first[0].ClientOrderId));
        Assert.Empty(second);
        Assert.Equal("accepted", harness.Fake.StatusOf("placed-by-hand"));
    }
}
