using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>An order reaches Alpaca once whatever happens to the POST: lost answers are resolved by client order id.</summary>
public sealed class AlpacaBrokerIdempotencyTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static OrderRequest Buy(string id = "wt-idem-1", decimal quantity = 10m) => new(id, "AAPL", OrderSide.Buy, quantity);

    private static async Task<AlpacaBrokerHarness> StartAsync()
    {
        var harness = await AlpacaBrokerHarness.StartAsync();
        harness.Fake.SetPrice("AAPL", 100m);
        return harness;
    }

    [Fact]
    public async Task A_post_that_times_out_after_alpaca_accepted_it_is_adopted_and_not_sent_again()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("POST", new TradingFault.DelayAfterAccept(TimeSpan.FromSeconds(5)));

        var order = await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        Assert.Equal((OrderStatus.Accepted, 10m), (order.Status, order.Quantity));
        Assert.NotEqual("", order.BrokerOrderId);
        Assert.Equal((1, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }

    [Fact]
    public async Task A_post_whose_connection_drops_after_alpaca_accepted_it_is_adopted_and_not_sent_again()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("POST", new TradingFault.DropAfterAccept());

        var order = await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal((1, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }

    [Fact]
    public async Task A_post_dropped_before_alpaca_saw_it_is_sent_again_only_after_the_lookup_finds_nothing()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("POST", new TradingFault.Drop());

        var order = await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal((2, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
        var lookups = harness.Fake.Requests.Select((r, i) => (r, i)).Where(x => x.r.Path == "/v2/orders:by_client_order_id").Select(x => x.i).ToList();
        var posts = harness.Fake.Requests.Select((r, i) => (r, i)).Where(x => x.r.Method == "POST").Select(x => x.i).ToList();
        Assert.Contains(lookups, i => i > posts[0] && i < posts[1]);
    }

    [Fact]
    public async Task A_duplicate_client_order_id_answered_422_adopts_the_order_alpaca_has()
    {
        await using var harness = await StartAsync();
        await harness.Broker.SubmitOrderAsync(Buy(), Ct);
        harness.Fake.EnqueueFault("GET", new TradingFault.Error(404, "order not found")); // the first lookup misses it (a race)

        var repeat = await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        Assert.Equal(OrderStatus.Accepted, repeat.Status);
        Assert.Equal((2, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }

    [Fact]
    public async Task A_rate_limited_post_is_sent_again_after_retry_after_and_placed_once()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("POST", new TradingFault.Error(429, "rate limit exceeded", RetryAfterSeconds: 1));

        var order = await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal((2, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }

    [Fact]
    public async Task A_post_answered_503_is_looked_up_before_it_is_sent_again()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("POST", new TradingFault.Error(503, "service unavailable"));

        var order = await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal((2, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }

    [Fact]
    public async Task When_neither_the_post_nor_the_lookup_is_answered_the_order_is_not_sent_again_and_the_error_says_so()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("POST", new TradingFault.DropAfterAcceptAndGoDown());
        var submit = harness.Broker.SubmitOrderAsync(Buy(), Ct);

        var error = await Assert.ThrowsAsync<AlpacaException>(() => submit);

        Assert.Equal(AlpacaFailure.Unavailable, error.Failure);
        Assert.Contains("not sent again", error.Message);
        Assert.Equal(1, harness.Fake.OrderPosts);
    }

    [Fact]
    public async Task Insufficient_buying_power_comes_back_as_a_rejection_with_alpacas_message()
    {
        await using var harness = await StartAsync();

        var order = await harness.Broker.SubmitOrderAsync(Buy(quantity: 5_000m), Ct);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains("insufficient buying power", order.RejectReason);
    }

    [Theory]
    [InlineData("ZZZZ")]
    [InlineData("OTC1")]
    public async Task A_symbol_alpaca_does_not_trade_is_refused_before_sending(string symbol)
    {
        await using var harness = await StartAsync();
        harness.Fake.SetPrice("OTC1", 5m);
        harness.Fake.Untradable.Add("OTC1");

        var order = await harness.Broker.SubmitOrderAsync(new OrderRequest("wt-sym", symbol, OrderSide.Buy, 1m), Ct);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal(0, harness.Fake.OrderPosts);
    }

    [Fact]
    public async Task A_market_order_while_the_market_is_closed_is_refused_saying_when_it_opens()
    {
        await using var harness = await StartAsync();
        harness.Fake.MarketOpen = false;

        var order = await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains("market is closed; it opens at", order.RejectReason);
        Assert.Equal(0, harness.Fake.OrderPosts);
    }

    [Fact]
    public async Task A_partial_fill_is_recorded_as_the_fills_it_had_until_the_order_is_filled()
    {
        await using var harness = await StartAsync();
        await harness.Broker.SubmitOrderAsync(Buy(), Ct);

        harness.Fake.FillPartially("wt-idem-1", 4m, 100m);
        var partial = await harness.Broker.GetOrderAsync("wt-idem-1", Ct);
        harness.Fake.FillPartially("wt-idem-1", 6m, 102m);
        var filled = await harness.Broker.GetOrderAsync("wt-idem-1", Ct);

        Assert.Equal(OrderStatus.PartiallyFilled, partial!.Status);
        Assert.Equal([(4m, 100m)], partial.Fills.Select(f => (f.Quantity, f.Price)));
        Assert.Equal(OrderStatus.Filled, filled!.Status);
        Assert.Equal([(4m, 100m), (6m, 102m)], filled.Fills.Select(f => (f.Quantity, f.Price)));
    }

    [Fact]
    public async Task Reads_are_retried_through_a_burst_of_5xx()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("GET", new TradingFault.Error(502, "bad gateway"));
        harness.Fake.EnqueueFault("GET", new TradingFault.Error(503, "unavailable"));

        var account = await harness.Broker.GetAccountAsync(Ct);

        Assert.Equal(100_000m, account.Cash);
    }

    [Fact]
    public async Task Refused_keys_fail_naming_the_variables()
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync(new Dictionary<string, string?> { ["Alpaca:SecretKey"] = "wrong-secret" });

        var error = await Assert.ThrowsAsync<AlpacaException>(() => harness.Broker.GetAccountAsync(Ct));

        Assert.Equal(AlpacaFailure.KeysRefused, error.Failure);
        Assert.Contains("APCA_API_KEY_ID", error.Message);
    }

    [Fact]
    public async Task Keys_never_reach_a_log_line_or_an_error_message()
    {
        await using var harness = await StartAsync();
        harness.Fake.EnqueueFault("POST", new TradingFault.Drop());
        harness.Fake.EnqueueFault("GET", new TradingFault.Error(503, "unavailable"));
        await harness.Broker.SubmitOrderAsync(Buy(), Ct);
        harness.Fake.Down = true;
        var error = await Assert.ThrowsAsync<AlpacaException>(() => harness.Broker.GetAccountAsync(Ct));

        var text = string.Join("\n", harness.Logs.Entries) + error;
        Assert.DoesNotContain(harness.Fake.SecretKey, text);
        Assert.DoesNotContain(harness.Fake.KeyId, text);
        Assert.NotEmpty(harness.Logs.Entries);
    }
}
