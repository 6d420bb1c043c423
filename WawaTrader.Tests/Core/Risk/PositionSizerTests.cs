using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Risk;

public sealed class PositionSizerTests
{
    private readonly PositionSizer _sizer = new();

    [Theory]
    [InlineData(30.0, 16)]      // 500 / 30 = 16.67 → 16
    [InlineData(33.33, 15)]     // 500 / 33.33 = 15.0015 → 15
    [InlineData(500.0, 1)]      // exactly one share fits the budget
    [InlineData(500.01, 0)]     // one share would exceed the budget
    [InlineData(0.0, 0)]
    [InlineData(-1.0, 0)]
    public void Buy_rounds_the_budget_down_to_whole_shares(double price, int shares)
    {
        var portfolio = PortfolioBuilder.WithEquity(10_000m).Build();

        var order = _sizer.Size(Orders.Proposal("AAPL", TradeAction.Buy), portfolio, (decimal)price, positionSizePct: 5);

        Assert.Equal(OrderSide.Buy, order.Side);
        Assert.Equal(shares, order.Quantity);
        Assert.Equal((decimal)price, order.Price);
    }

    [Fact]
    public void Buy_is_zero_shares_when_equity_is_not_positive()
    {
        var order = _sizer.Size(Orders.Proposal("AAPL", TradeAction.Buy), PortfolioBuilder.WithEquity(0m).Build(), 10m, 5);

        Assert.Equal(0m, order.Quantity);
    }

    [Fact]
    public void Sell_closes_the_whole_position_including_fractions()
    {
        var portfolio = PortfolioBuilder.WithEquity(10_000m).Holding("AAPL", 12.5m, 100m).Holding("MSFT", 3, 50m).Build();

        var order = _sizer.Size(Orders.Proposal("AAPL", TradeAction.Sell), portfolio, 101m, 5);

        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(12.5m, order.Quantity);
    }

    [Fact]
    public void Sell_without_a_position_is_zero_shares()
    {
        var order = _sizer.Size(Orders.Proposal("AAPL", TradeAction.Sell), PortfolioBuilder.WithEquity(10_000m).Build(), 100m, 5);

        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(0m, order.Quantity);
    }

    [Fact]
    public void Hold_has_no_side_and_no_quantity()
    {
        var order = _sizer.Size(Orders.Proposal("AAPL", TradeAction.Hold), PortfolioBuilder.WithEquity(10_000m).Build(), 100m, 5);

        Assert.Null(order.Side);
        Assert.Equal(0m, order.Quantity);
        Assert.Equal(0m, order.Value);
    }
}
