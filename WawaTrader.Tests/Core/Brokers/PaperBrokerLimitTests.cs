using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>The paper broker fills a limit order only at its limit or better, on the first bar that reaches it, and lets it expire
/// at the end of its New York day.</summary>
public sealed class PaperBrokerLimitTests
{
    private static CancellationToken Ct => CancellationToken.None;

    // 10:00 New York on a Tuesday, one-minute bars.
    private static readonly DateTime Morning = new(2024, 1, 2, 15, 0, 0, DateTimeKind.Utc);

    private static async Task<PaperHarness> StartAsync()
    {
        var h = new PaperHarness(PaperHarness.Costs(slippageBps: 10m));
        await BarAsync(h, 0, 100, 100.5, 99.5, 100);
        return h;
    }

    private static Task BarAsync(PaperHarness h, int minute, double open, double high, double low, double close) =>
        h.Broker.OnBarAsync("AAPL", new Bar(Morning.AddMinutes(minute), open, high, low, close, 10_000), Ct);

    private static Task<BrokerOrder> LimitAsync(PaperHarness h, OrderSide side, decimal limit, decimal quantity = 10m) =>
        h.Broker.SubmitOrderAsync(new OrderRequest($"wt-limit-{side}", "AAPL", side, quantity) { Type = OrderType.Limit, LimitPrice = limit }, Ct);

    [Fact]
    public async Task A_buy_limit_above_the_next_open_fills_at_the_open_slipped_but_never_above_the_limit()
    {
        var h = await StartAsync();
        await LimitAsync(h, OrderSide.Buy, 100.05m);

        await BarAsync(h, 1, 100, 100.4, 99.8, 100.2);

        var order = await h.OrderAsync("wt-limit-Buy");
        Assert.Equal((OrderStatus.Filled, OrderType.Limit, 100.05m), (order.Status, order.Type, order.LimitPrice));
        Assert.Equal(100.05m, Assert.Single(order.Fills).Price); // the open slipped by 10 bps is 100.10, capped at the limit
    }

    [Fact]
    public async Task A_buy_limit_below_the_market_waits_and_fills_at_the_limit_on_the_later_bar_whose_low_reaches_it()
    {
        var h = await StartAsync();
        await LimitAsync(h, OrderSide.Buy, 99m);

        await BarAsync(h, 1, 100, 100.4, 99.4, 99.6);
        var waiting = await h.OrderAsync("wt-limit-Buy");
        await BarAsync(h, 2, 99.6, 99.7, 98.7, 99.1);

        Assert.Equal((OrderStatus.Accepted, 0), (waiting.Status, waiting.Fills.Count));
        var filled = await h.OrderAsync("wt-limit-Buy");
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal((10m, 99m), (filled.Fills[0].Quantity, filled.Fills[0].Price));
        Assert.Equal(10m, Assert.Single((await h.AccountAsync()).Positions).Quantity);
    }

    [Fact]
    public async Task A_sell_limit_fills_only_at_or_above_the_limit()
    {
        var h = await StartAsync();
        await h.BuyAsync("wt-buy", "AAPL", 10m);
        await BarAsync(h, 1, 100, 100.2, 99.9, 100);
        await LimitAsync(h, OrderSide.Sell, 101m);

        await BarAsync(h, 2, 100.1, 100.9, 99.9, 100.5);
        var waiting = await h.OrderAsync("wt-limit-Sell");
        await BarAsync(h, 3, 100.5, 101.3, 100.4, 101.1);

        Assert.True(waiting.IsOpen);
        Assert.Equal(101m, Assert.Single((await h.OrderAsync("wt-limit-Sell")).Fills).Price);
    }

    [Fact]
    public async Task A_limit_not_reached_by_the_end_of_its_day_expires_and_reserves_no_cash_after()
    {
        var h = await StartAsync();
        await LimitAsync(h, OrderSide.Buy, 90m);
        await BarAsync(h, 60, 100, 100.3, 99.2, 99.5);

        await h.Broker.OnBarAsync("AAPL", new Bar(Morning.AddDays(1), 99, 99.5, 95, 96, 10_000), Ct); // the next day, still above 90

        var order = await h.OrderAsync("wt-limit-Buy");
        Assert.Equal((OrderStatus.Expired, false), (order.Status, order.IsOpen));
        Assert.Empty(order.Fills);
        Assert.Contains("not filled by the end of 2024-01-02", order.RejectReason);
        Assert.Equal(100_000m, (await h.AccountAsync()).Cash);
    }

    [Fact]
    public async Task A_limit_buy_reserves_cash_at_its_limit_price()
    {
        var h = await StartAsync();
        // 990 shares at 100 would fit 100,000; at a limit of 101 they do not.
        var order = await LimitAsync(h, OrderSide.Buy, 101m, 990m);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains("insufficient cash", order.RejectReason);
    }
}
