using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>
/// The behaviour every <see cref="IBroker"/> must show (the paper broker here; Alpaca against its loopback fake later).
/// xunit makes a new instance per test, so an implementation may keep the broker and its market in fields.
/// </summary>
public abstract class BrokerContractTests
{
    /// <summary>The symbol the tests trade; <see cref="CreateBrokerAsync"/> must make it tradable.</summary>
    protected virtual string Symbol => "AAPL";

    /// <summary>
    /// A fresh broker with no positions, no orders and at least 10,000 in cash, on which <see cref="Symbol"/> is known and
    /// priced between 50 and 200 per share.
    /// </summary>
    protected abstract Task<IBroker> CreateBrokerAsync(CancellationToken cancellationToken);

    /// <summary>Moves the market of <paramref name="symbol"/> on by one bar, so its open market orders fill (or are refused).</summary>
    protected abstract Task AdvanceBarAsync(string symbol, CancellationToken cancellationToken);

    private static CancellationToken Ct => CancellationToken.None;

    private OrderRequest Buy(string id, decimal quantity) => new(id, Symbol, OrderSide.Buy, quantity);

    private OrderRequest Sell(string id, decimal quantity) => new(id, Symbol, OrderSide.Sell, quantity);

    [Fact]
    public async Task Market_order_is_accepted_then_filled_after_the_next_bar()
    {
        var broker = await CreateBrokerAsync(Ct);

        var submitted = await broker.SubmitOrderAsync(Buy("contract-1", 10), Ct);
        Assert.True(submitted.IsOpen, $"status {submitted.Status}, reason {submitted.RejectReason}");
        Assert.Empty(submitted.Fills);

        await AdvanceBarAsync(Symbol, Ct);

        var filled = await broker.GetOrderAsync("contract-1", Ct);
        Assert.NotNull(filled);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(10m, filled.Fills.Sum(f => f.Quantity));
        var position = Assert.Single((await broker.GetAccountAsync(Ct)).Positions);
        Assert.Equal((Symbol, 10m), (position.Symbol, position.Quantity));
    }

    [Fact]
    public async Task Resubmitting_a_client_order_id_returns_the_same_order_and_trades_once()
    {
        var broker = await CreateBrokerAsync(Ct);

        var first = await broker.SubmitOrderAsync(Buy("contract-dup", 7), Ct);
        var repeat = await broker.SubmitOrderAsync(Buy("contract-dup", 7), Ct);
        await AdvanceBarAsync(Symbol, Ct);
        var afterFill = await broker.SubmitOrderAsync(Buy("contract-dup", 7), Ct);

        Assert.Equal(first.BrokerOrderId, repeat.BrokerOrderId);
        Assert.Equal(first.BrokerOrderId, afterFill.BrokerOrderId);
        Assert.Equal(OrderStatus.Filled, afterFill.Status);
        Assert.Equal(7m, Assert.Single((await broker.GetAccountAsync(Ct)).Positions).Quantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Rejects_an_order_without_a_positive_quantity(int quantity)
    {
        var broker = await CreateBrokerAsync(Ct);

        var order = await broker.SubmitOrderAsync(Buy("contract-qty", quantity), Ct);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.False(string.IsNullOrWhiteSpace(order.RejectReason));
    }

    [Fact]
    public async Task Rejects_selling_shares_that_are_not_held()
    {
        var broker = await CreateBrokerAsync(Ct);

        var order = await broker.SubmitOrderAsync(Sell("contract-short", 1), Ct);
        await AdvanceBarAsync(Symbol, Ct);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains("insufficient position", order.RejectReason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await broker.GetAccountAsync(Ct)).Positions);
    }

    [Fact]
    public async Task Rejects_selling_more_than_is_held()
    {
        var broker = await CreateBrokerAsync(Ct);
        await broker.SubmitOrderAsync(Buy("contract-buy", 5), Ct);
        await AdvanceBarAsync(Symbol, Ct);

        var order = await broker.SubmitOrderAsync(Sell("contract-oversell", 6), Ct);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal(5m, Assert.Single((await broker.GetAccountAsync(Ct)).Positions).Quantity);
    }

    [Fact]
    public async Task Selling_a_whole_position_closes_it_and_returns_the_cash()
    {
        var broker = await CreateBrokerAsync(Ct);
        await broker.SubmitOrderAsync(Buy("contract-open", 10), Ct);
        await AdvanceBarAsync(Symbol, Ct);
        var cashWhileHolding = (await broker.GetAccountAsync(Ct)).Cash;

        await broker.SubmitOrderAsync(Sell("contract-close", 10), Ct);
        await AdvanceBarAsync(Symbol, Ct);

        var account = await broker.GetAccountAsync(Ct);
        Assert.Equal(OrderStatus.Filled, (await broker.GetOrderAsync("contract-close", Ct))?.Status);
        Assert.Empty(account.Positions);
        Assert.True(account.Cash > cashWhileHolding, $"cash {account.Cash} should exceed {cashWhileHolding}");
    }

    [Fact]
    public async Task Canceling_open_orders_cancels_them_so_they_never_fill()
    {
        var broker = await CreateBrokerAsync(Ct);
        await broker.SubmitOrderAsync(Buy("contract-c1", 3), Ct);
        await broker.SubmitOrderAsync(Buy("contract-c2", 4), Ct);

        var canceled = await broker.CancelOpenOrdersAsync(Ct);
        await AdvanceBarAsync(Symbol, Ct);

        Assert.Equal(2, canceled);
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync("contract-c1", Ct))?.Status);
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync("contract-c2", Ct))?.Status);
        Assert.Empty((await broker.GetAccountAsync(Ct)).Positions);
        Assert.Equal(0, await broker.CancelOpenOrdersAsync(Ct));
    }

    [Fact]
    public async Task Account_equity_is_cash_plus_market_value_of_positions()
    {
        var broker = await CreateBrokerAsync(Ct);
        var before = await broker.GetAccountAsync(Ct);
        Assert.Equal(before.Cash, before.Equity);

        await broker.SubmitOrderAsync(Buy("contract-eq", 12), Ct);
        await AdvanceBarAsync(Symbol, Ct);

        var account = await broker.GetAccountAsync(Ct);
        var position = Assert.Single(account.Positions);
        Assert.True(account.Cash < before.Cash);
        Assert.Equal(account.Cash + position.Quantity * position.LastPrice, account.Equity);
    }

    [Fact]
    public async Task An_unknown_client_order_id_is_not_found()
    {
        var broker = await CreateBrokerAsync(Ct);

        Assert.Null(await broker.GetOrderAsync("never-sent", Ct));
    }
}
