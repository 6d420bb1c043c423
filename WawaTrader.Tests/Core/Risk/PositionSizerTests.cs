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

    [Theory]
    [InlineData("100000", "100", 10, 100)]           // exactly a whole number of shares
    [InlineData("100000", "100.00001", 10, 99)]      // a hair short of 100
    [InlineData("100000", "99.99999", 10, 100)]      // a hair over
    [InlineData("123456.78", "0.0001", 50, 617283900)] // beyond a million shares: decimal all the way
    [InlineData("1000", "3", 33.3333, 111)]
    public void Buy_quantity_is_the_exact_floor_however_close_to_a_whole_share(string equity, string price, double pct, int expected)
    {
        var portfolio = PortfolioBuilder.WithEquity(decimal.Parse(equity, System.Globalization.CultureInfo.InvariantCulture)).Build();

        var order = _sizer.Size(Orders.Proposal("AAPL", TradeAction.Buy), portfolio, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), pct);

        Assert.Equal(expected, order.Quantity);
    }

    [Fact]
    public void Buy_quantity_equals_the_decimal_formula_on_random_inputs()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            // Round prices and budgets make exact whole-share quotients common.
            var equity = random.Next(3) == 0 ? random.Next(1, 2_000) * 100m : Math.Round((decimal)(random.NextDouble() * 500_000), 2);
            var price = random.Next(3) == 0 ? random.Next(1, 500) : Math.Round((decimal)(0.01 + random.NextDouble() * 900), random.Next(0, 5));
            double[] pcts = [1, 2.5, 5, 10, 12.5, 20, 33.3333, 50, 100, random.NextDouble() * 100];
            var pct = pcts[random.Next(pcts.Length)];
            if (price <= 0m || equity <= 0m || pct <= 0) continue;
            var portfolio = PortfolioBuilder.WithEquity(equity).Build();

            var order = _sizer.Size(Orders.Proposal("AAPL", TradeAction.Buy), portfolio, price, pct);

            Assert.Equal(Math.Floor(equity * (decimal)pct / 100m / price), order.Quantity);
        }
    }
}
