using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>Bursts of 500/502/503 from Alpaca while the agent trades: reads are retried and the agent carries on; an order POST
/// without a usable answer is never sent again blindly, so each decision leaves exactly one order at Alpaca.</summary>
public sealed class AlpacaServerErrorBurstTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static async Task<(AlpacaBrokerHarness Harness, AlpacaDay Day)> StartAsync()
    {
        var journal = new InMemoryDecisionJournal();
        var harness = await AlpacaBrokerHarness.StartAsync(configure: s => s.AddSingleton<IDecisionJournal>(journal).AddSingleton<AgentEventHub>());
        harness.Fake.SetPrice("AAPL", 100m);
        var day = AlpacaDay.Build(harness, journal, "AAPL");
        day.Market.Publish("AAPL", Bars.Flat(100, 60));
        day.Analyst.Propose("AAPL", TradeAction.Buy);
        return (harness, day);
    }

    private static void Burst(FakeAlpacaTradingServer fake, string path, params int[] statuses)
    {
        foreach (var status in statuses) fake.EnqueueFault("GET", new TradingFault.Error(status, $"burst {status}"), path);
    }

    private static int Requests(FakeAlpacaTradingServer fake, string method, string path) => fake.Requests.Count(r => r.Method == method && r.Path == path);

    [Fact]
    public async Task A_burst_of_5xx_on_account_positions_orders_and_clock_is_retried_and_the_agent_trades_on_with_one_order_per_decision()
    {
        var (harness, day) = await StartAsync();
        await using var _ = harness;
        Burst(harness.Fake, "/v2/account", 500, 502, 503);
        Burst(harness.Fake, "/v2/positions", 502, 503);
        Burst(harness.Fake, "/v2/clock", 503, 500, 502);

        var buying = await day.Cycle.RunOnceAsync(Ct);
        harness.Fake.FillOpenOrders("AAPL", 100m);
        Burst(harness.Fake, "/v2/orders", 500, 503);
        Burst(harness.Fake, "/v2/positions", 503, 502, 500);
        Burst(harness.Fake, "/v2/clock", 502);
        day.Analyst.Propose("AAPL", TradeAction.Sell);
        day.Market.PublishNext("AAPL", 100, 101);
        var selling = await day.Cycle.RunOnceAsync(Ct);

        Assert.Equal((1, 1, 0), (buying.Decisions, buying.Orders, buying.Failures));
        Assert.Equal((1, 1, 0), (selling.Decisions, selling.Orders, selling.Failures));
        var orders = (await day.Journal.GetDecisionsAsync("AAPL", 10, Ct)).Where(d => d.Order is not null).Select(d => d.Order!).ToList();
        Assert.Equal(2, orders.Count);
        Assert.Equal((2, 2), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
        Assert.All(orders, o => Assert.NotNull(harness.Fake.StatusOf(o.ClientOrderId)));
        Assert.True(Requests(harness.Fake, "GET", "/v2/account") >= 4 && Requests(harness.Fake, "GET", "/v2/clock") >= 4, "the burst was met and retried");
        Assert.True(harness.Status.Answering);
    }

    [Fact]
    public async Task An_order_post_answered_502_after_alpaca_placed_it_is_found_by_client_order_id_and_not_sent_again()
    {
        var (harness, day) = await StartAsync();
        await using var _ = harness;
        harness.Fake.EnqueueFault("POST", new TradingFault.ErrorAfterAccept(502, "bad gateway"));

        var result = await day.Cycle.RunOnceAsync(Ct);

        var order = await day.LastOrderAsync("AAPL");
        Assert.Equal((1, 0), (result.Orders, result.Failures));
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.False(string.IsNullOrEmpty(order.BrokerOrderId));
        Assert.Equal((1, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }

    [Fact]
    public async Task An_order_post_answered_5xx_before_alpaca_saw_it_is_sent_again_only_after_each_lookup_answers_404()
    {
        var (harness, day) = await StartAsync();
        await using var _ = harness;
        harness.Fake.EnqueueFault("POST", new TradingFault.Error(503, "unavailable"));
        harness.Fake.EnqueueFault("POST", new TradingFault.Error(500, "internal error"));

        await day.Cycle.RunOnceAsync(Ct);

        var order = await day.LastOrderAsync("AAPL");
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal((3, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
        // Between every two POSTs a lookup by client order id (which found nothing) came first.
        var sequence = harness.Fake.Requests.Where(r => r.Method == "POST" || r.Path == "/v2/orders:by_client_order_id")
            .SkipWhile(r => r.Method != "POST").Select(r => r.Method).ToList();
        Assert.Equal(["POST", "GET", "POST", "GET", "POST"], sequence);
    }

    [Fact]
    public async Task A_dropped_post_whose_lookup_meets_a_5xx_burst_is_not_resent_and_is_adopted_when_reconciled()
    {
        var (harness, day) = await StartAsync();
        await using var _ = harness;
        harness.Fake.EnqueueFault("POST", new TradingFault.DropAfterAccept());
        const string lookup = "/v2/orders:by_client_order_id";
        harness.Fake.EnqueueFault("GET", new TradingFault.Serve(), lookup);  // the lookup before the POST finds nothing
        Burst(harness.Fake, lookup, 503, 502, 500, 503, 502);               // every attempt of the lookup after it fails

        var first = await day.Cycle.RunOnceAsync(Ct);
        var unknown = await day.LastOrderAsync("AAPL");
        day.Analyst.Propose("AAPL", TradeAction.Hold, 50);
        day.Market.PublishNext("AAPL", 100, 100);
        await day.Cycle.RunOnceAsync(Ct);                                   // reconciles the open order by its client order id

        Assert.Equal(1, first.Orders);
        Assert.Equal(OrderStatus.New, unknown.Status);
        Assert.Equal(OrderStatus.Accepted, (await day.LastOrderAsync("AAPL")).Status);
        Assert.Equal((1, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }
}
