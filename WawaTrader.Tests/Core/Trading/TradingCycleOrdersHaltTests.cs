using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>While the agent halts new orders only (a broker outage), the cycle keeps deciding and records every decision as
/// not sent; once the agent is started again its orders go out to the broker again.</summary>
public sealed class TradingCycleOrdersHaltTests
{
    private const string Outage = "Alpaca has not answered for 130 s (connection refused); new orders halted until it answers again.";

    [Fact]
    public async Task While_new_orders_are_halted_decisions_are_recorded_as_not_sent_and_after_resuming_orders_go_out_again()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 80), "AAPL");
        h.ServeHistory("AAPL");
        h.Agent.Start();
        h.Agent.HaltOrders(Outage);

        var halted = await h.RunAsync();
        h.Broker.FailAccount = true; // the broker does not answer at all: the last portfolio read stands in
        h.Market.PublishNext("AAPL", 100, 101);
        var haltedAndUnreachable = await h.RunAsync();

        Assert.Equal(new CycleResult(1, 0, 0), halted);
        Assert.Equal(new CycleResult(1, 0, 0), haltedAndUnreachable);
        var notSent = await h.DecisionsAsync();
        Assert.Equal(2, notSent.Count);
        Assert.All(notSent, d =>
        {
            Assert.Equal(TradeAction.Buy, d.Action);
            Assert.False(d.Approved);
            Assert.Null(d.Order);
            var check = Assert.Single(d.RiskChecks, c => !c.Passed);
            Assert.Equal((RiskRules.OrdersHalted, $"not sent: {Outage}"), (check.Rule, check.Reason));
        });
        Assert.Empty(h.Broker.Submissions);
        Assert.Empty(await h.Journal.GetOpenOrdersAsync(CancellationToken.None));

        h.Broker.FailAccount = false;
        h.Agent.Start("Alpaca answers again; reconciled and resumed");
        h.Market.PublishNext("AAPL", 101, 102);
        var resumed = await h.RunAsync();

        Assert.Equal(new CycleResult(1, 1, 0), resumed);
        var (request, _) = Assert.Single(h.Broker.Submissions);
        var sent = Assert.Single(await h.DecisionsAsync(), d => d.Order is not null);
        Assert.True(sent.Approved);
        Assert.DoesNotContain(sent.RiskChecks, c => c.Rule == RiskRules.OrdersHalted);
        Assert.Equal(new OrderRequest(sent.Order!.ClientOrderId, "AAPL", OrderSide.Buy, sent.Order.Quantity), request);
    }

    [Fact]
    public async Task A_hold_while_new_orders_are_halted_is_recorded_as_it_always_is()
    {
        var h = new CycleHarness(new ScriptedAnalyst(), "AAPL"); // Hold at 50%
        h.ServeHistory("AAPL");
        h.Agent.HaltOrders(Outage);

        await h.RunAsync();

        var decision = Assert.Single(await h.DecisionsAsync());
        Assert.Equal(TradeAction.Hold, decision.Action);
        Assert.DoesNotContain(decision.RiskChecks, c => c.Rule == RiskRules.OrdersHalted);
        Assert.Empty(h.Broker.Submissions);
    }
}
