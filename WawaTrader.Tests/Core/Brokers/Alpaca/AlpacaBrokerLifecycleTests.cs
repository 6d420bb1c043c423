using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>Orders that end at Alpaca in another state than filled keep what they had.</summary>
public sealed class AlpacaBrokerLifecycleTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task An_order_alpaca_rejects_after_accepting_it_is_rejected_and_closed()
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync();
        harness.Fake.SetPrice("AAPL", 100m);
        await harness.Broker.SubmitOrderAsync(new OrderRequest("wt-rej", "AAPL", OrderSide.Buy, 5m), Ct);

        harness.Fake.SetStatus("wt-rej", "rejected");
        var order = await harness.Broker.GetOrderAsync("wt-rej", Ct);

        Assert.Equal(OrderStatus.Rejected, order!.Status);
        Assert.False(order.IsOpen);
        Assert.Equal("rejected by Alpaca", order.RejectReason);
    }

    [Fact]
    public async Task A_day_order_that_expires_part_filled_keeps_its_fills_and_is_closed()
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync();
        harness.Fake.SetPrice("AAPL", 100m);
        await harness.Broker.SubmitOrderAsync(new OrderRequest("wt-exp", "AAPL", OrderSide.Buy, 10m), Ct);
        harness.Fake.FillPartially("wt-exp", 3m, 99m);

        harness.Fake.SetStatus("wt-exp", "expired");
        var order = await harness.Broker.GetOrderAsync("wt-exp", Ct);

        Assert.Equal((OrderStatus.Expired, false), (order!.Status, order.IsOpen));
        Assert.Equal([(3m, 99m)], order.Fills.Select(f => (f.Quantity, f.Price)));
        Assert.Equal(3m, Assert.Single((await harness.Broker.GetAccountAsync(Ct)).Positions).Quantity);
    }

    [Theory]
    [InlineData("done_for_day", OrderStatus.DoneForDay)]
    [InlineData("pending_cancel", OrderStatus.PendingCancel)]
    public async Task An_order_waiting_at_alpaca_stays_open(string alpaca, OrderStatus expected)
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync();
        harness.Fake.SetPrice("AAPL", 100m);
        await harness.Broker.SubmitOrderAsync(new OrderRequest("wt-wait", "AAPL", OrderSide.Buy, 10m), Ct);

        harness.Fake.SetStatus("wt-wait", alpaca);
        var order = await harness.Broker.GetOrderAsync("wt-wait", Ct);

        Assert.Equal((expected, true), (order!.Status, order.IsOpen));
    }

    [Fact]
    public async Task Canceling_one_order_cancels_only_that_one()
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync();
        harness.Fake.SetPrice("AAPL", 100m);
        await harness.Broker.SubmitOrderAsync(new OrderRequest("wt-c1", "AAPL", OrderSide.Buy, 1m), Ct);
        await harness.Broker.SubmitOrderAsync(new OrderRequest("wt-c2", "AAPL", OrderSide.Buy, 1m), Ct);

        var canceled = await harness.Broker.CancelOrderAsync("wt-c1", Ct);
        var again = await harness.Broker.CancelOrderAsync("wt-c1", Ct);

        Assert.True(canceled);
        Assert.False(again);
        Assert.Equal(["wt-c2"], (await harness.Broker.GetOpenOrdersAsync(Ct)).Select(o => o.ClientOrderId));
    }
}
