using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>
/// The journal and the broker brought back into agreement: a send that fails, an order recorded but never sent before a
/// crash, and an order the broker filled while the app was down.
/// </summary>
public sealed class TradingCycleReconciliationTests
{
    private const string NeverReached = "Never reached the broker";

    [Fact]
    public async Task A_broker_that_throws_on_submit_leaves_the_order_New()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy), "AAPL");
        h.ServeHistory("AAPL");
        h.Broker.FailSubmit = true;

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(1, 1, 0), result);
        var decision = Assert.Single(await h.DecisionsAsync());
        var order = await h.OrderOfAsync(decision.Id);
        Assert.Equal((OrderStatus.New, null), (order.Status, order.BrokerOrderId));
        Assert.Single(h.Broker.Submissions);
        Assert.Null(await h.PaperBroker.GetOrderAsync(order.ClientOrderId, CancellationToken.None));
        Assert.Equal(OrderStatus.New, Assert.Single(h.EventsOf<DecisionMade>()).Decision.Order!.Status);
    }

    [Fact]
    public async Task An_order_whose_send_failed_is_left_New_for_a_minute_then_canceled_and_never_resent()
    {
        var analyst = new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy);
        var h = new CycleHarness(analyst, "AAPL");
        h.ServeHistory("AAPL");
        h.Broker.FailSubmit = true;
        await h.RunAsync();
        var decision = Assert.Single(await h.DecisionsAsync());
        h.Broker.FailSubmit = false;
        analyst.Propose("AAPL", TradeAction.Hold);

        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.RunAsync();
        Assert.Equal(OrderStatus.New, (await h.OrderOfAsync(decision.Id)).Status);

        h.Time.Advance(TimeSpan.FromSeconds(31));
        await h.RunAsync();

        var order = await h.OrderOfAsync(decision.Id);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.StartsWith(NeverReached, order.RejectReason);
        Assert.Single(h.Broker.Submissions); // the failed attempt only: never resent
        Assert.Null(await h.PaperBroker.GetOrderAsync(order.ClientOrderId, CancellationToken.None));
        Assert.Equal(order, h.EventsOf<OrderUpdated>()[^1].Order);
    }

    [Fact]
    public async Task At_start_up_an_open_order_the_broker_never_saw_is_canceled_not_sent()
    {
        var h = new CycleHarness(new ScriptedAnalyst(), "AAPL");
        var bars = h.ServeHistory("AAPL");
        // Recorded ten seconds before the crash, which came before the send.
        var recorded = JournalData.Decision("AAPL", time: h.Time.GetUtcNow().UtcDateTime.AddSeconds(-10), barTime: bars[^2].Time, withOrder: true);
        await h.Journal.RecordDecisionAsync(recorded, CancellationToken.None);

        await h.RunAsync();

        var order = await h.OrderOfAsync(recorded.Id);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.StartsWith(NeverReached, order.RejectReason);
        Assert.Empty(h.Broker.Submissions);
        Assert.Empty(await h.Journal.GetOpenOrdersAsync(CancellationToken.None));
        Assert.Contains(h.EventsOf<OrderUpdated>(), e => e.Order.ClientOrderId == order.ClientOrderId && e.Order.Status == OrderStatus.Canceled);
    }

    [Theory]
    [InlineData(OrderStatus.New)] // crashed after the send, before recording the broker's answer
    [InlineData(OrderStatus.Accepted)] // accepted, then the app stopped before the fill
    public async Task At_start_up_an_order_the_broker_filled_while_we_were_down_is_updated_to_Filled(OrderStatus inJournal)
    {
        var h = new CycleHarness(new ScriptedAnalyst(), "AAPL");
        var bars = h.ServeHistory("AAPL", 100);
        var recorded = JournalData.Decision("AAPL", time: h.Time.GetUtcNow().UtcDateTime.AddMinutes(-5), barTime: bars[^3].Time,
            withOrder: true, status: inJournal);
        await h.Journal.RecordDecisionAsync(recorded, CancellationToken.None);
        var clientOrderId = recorded.Order!.ClientOrderId;
        await h.PaperBroker.OnBarAsync("AAPL", bars[^3], CancellationToken.None);
        await h.PaperBroker.SubmitOrderAsync(new OrderRequest(clientOrderId, "AAPL", OrderSide.Buy, 17m), CancellationToken.None);
        await h.PaperBroker.OnBarAsync("AAPL", bars[^2], CancellationToken.None);

        h.Restart();
        await h.RunAsync();

        // Filled at the next bar's open 100 × 1.001 = 100.1; commission 17 × 0.005 = 0.085 → 0.09.
        var order = await h.OrderOfAsync(recorded.Id);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.NotNull(order.BrokerOrderId);
        Assert.Equal(new Fill(bars[^2].Time, 17m, 100.1m, 0.09m), Assert.Single(order.Fills));
        Assert.Single(await h.Journal.GetTradesAsync(10, CancellationToken.None));
        Assert.Empty(h.Broker.Submissions);
    }
}
