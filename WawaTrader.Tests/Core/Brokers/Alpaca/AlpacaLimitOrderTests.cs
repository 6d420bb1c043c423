using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>A limit order the analyst asks for goes to Alpaca as <c>type=limit</c> with its price, sized at that price, and fills
/// only when the market crosses it.</summary>
public sealed class AlpacaLimitOrderTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_limit_buy_is_sized_at_its_limit_sent_as_a_day_limit_order_and_filled_only_once_the_price_crosses_it()
    {
        var journal = new InMemoryDecisionJournal();
        await using var harness = await AlpacaBrokerHarness.StartAsync(configure: s => s.AddSingleton<IDecisionJournal>(journal).AddSingleton<AgentEventHub>());
        harness.Fake.SetPrice("AAPL", 100m);
        var day = AlpacaDay.Build(harness, journal, "AAPL");
        day.Market.Publish("AAPL", Bars.Flat(100, 60));
        day.Analyst.ProposeLimit("AAPL", TradeAction.Buy, 95m);

        await day.Cycle.RunOnceAsync(Ct);
        var sent = await day.LastOrderAsync("AAPL");
        harness.Fake.FillOpenOrders("AAPL", 96m);                 // above the limit: no fill
        var above = harness.Fake.StatusOf(sent.ClientOrderId);
        harness.Fake.FillOpenOrders("AAPL", 94.9m);               // crosses it
        day.Analyst.Propose("AAPL", TradeAction.Hold, 50);
        day.Market.PublishNext("AAPL", 95, 94.9);
        await day.Cycle.RunOnceAsync(Ct);

        var decision = (await journal.GetDecisionsAsync("AAPL", 10, Ct)).Last();
        Assert.Equal(95m, decision.LimitPrice);
        Assert.Equal((OrderType.Limit, 95m, 52m), (sent.Type, sent.LimitPrice, sent.Quantity)); // floor(5% of 100,000 / 95)
        Assert.Equal(("limit", (decimal?)95m), harness.Fake.TermsOf(sent.ClientOrderId));
        Assert.Equal("accepted", above);
        var filled = await day.LastOrderAsync("AAPL");
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal((52m, 94.9m), (filled.Fills.Single().Quantity, filled.Fills.Single().Price));
        Assert.Equal((OrderType.Limit, (decimal?)95m), (filled.Type, filled.LimitPrice));
    }

    [Fact]
    public async Task A_market_order_carries_no_limit_price()
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync();
        harness.Fake.SetPrice("AAPL", 100m);

        var order = await harness.Broker.SubmitOrderAsync(new OrderRequest("wt-market", "AAPL", OrderSide.Buy, 1m), Ct);

        Assert.Equal((OrderType.Market, (decimal?)null), (order.Type, order.LimitPrice));
        Assert.Equal(("market", (decimal?)null), harness.Fake.TermsOf("wt-market"));
    }
}
