using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

public sealed class PaperPricingTests
{
    [Theory]
    [InlineData("100.05", OrderSide.Buy, "10", "100.1501")]   // 100.15005: midpoint, away from zero (banker's: 100.1500)
    [InlineData("100.15", OrderSide.Sell, "10", "100.0499")]  // 100.04985: midpoint, away from zero (banker's: 100.0498)
    [InlineData("110", OrderSide.Sell, "10", "109.89")]
    [InlineData("50.123456", OrderSide.Buy, "0", "50.1235")]
    [InlineData("200", OrderSide.Buy, "1", "200.02")]
    public void Fill_price_moves_against_the_trader_and_rounds_to_four_places(string reference, OrderSide side, string bps, string expected)
    {
        Assert.Equal(decimal.Parse(expected), PaperPricing.FillPrice(decimal.Parse(reference), side, decimal.Parse(bps)));
    }

    [Theory]
    [InlineData("0.005", 25, "0.13")]  // 0.125: midpoint, away from zero (banker's rounding would give 0.12)
    [InlineData("0.005", 9, "0.05")]   // 0.045
    [InlineData("0.005", 3, "0.02")]   // 0.015
    [InlineData("0.01", 30, "0.30")]
    [InlineData("0", 100, "0")]
    public void Commission_is_per_share_rounded_to_cents(string perShare, int quantity, string expected)
    {
        Assert.Equal(decimal.Parse(expected), PaperPricing.Commission(decimal.Parse(perShare), quantity));
    }

    [Theory]
    [InlineData("0", "0", "0", 100, "50", "0")]            // no costs configured: free
    [InlineData("0.005", "0", "0", 25, "100", "0.13")]     // per share only, as before: 0.125 → 0.13
    [InlineData("0", "0.1", "0", 10, "123.45", "1.23")]    // 0.1% of 1,234.50 = 1.2345 → 1.23
    [InlineData("0", "0.1", "0", 10, "123.50", "1.24")]    // 0.1% of 1,235.00 = 1.235 → 1.24 (midpoint away from zero)
    [InlineData("0.01", "0.05", "0", 200, "50", "7.00")]   // 200 × 0.01 + 0.05% of 10,000 = 2 + 5
    [InlineData("0.005", "0", "1", 25, "100", "1")]        // 0.125 is below the 1.00 minimum
    [InlineData("0.005", "0.1", "1", 1000, "100", "105")]  // 5 + 100 = 105 is above the minimum
    [InlineData("0.005", "0.1", "1", 0, "100", "0")]       // nothing traded, no minimum charged
    public void Commission_is_per_share_plus_percent_of_notional_with_a_minimum_rounded_to_cents(
        string perShare, string pct, string minimum, int quantity, string price, string expected)
    {
        var options = new PaperOptions { CommissionPerShare = decimal.Parse(perShare), CommissionPct = decimal.Parse(pct), MinCommission = decimal.Parse(minimum) };

        Assert.Equal(decimal.Parse(expected), PaperPricing.Commission(options, quantity, decimal.Parse(price)));
    }

    [Fact]
    public void Default_options_charge_only_the_per_share_commission()
    {
        var options = new PaperOptions();

        Assert.Equal((0m, 0m), (options.CommissionPct, options.MinCommission));
        Assert.Equal(PaperPricing.Commission(options.CommissionPerShare, 333), PaperPricing.Commission(options, 333, 250m));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void A_bar_price_that_is_not_a_positive_number_is_not_tradable(double value)
    {
        Assert.False(PaperPricing.TryToPrice(value, out _));
    }

    [Fact]
    public void A_bar_price_converts_to_its_shortest_decimal()
    {
        Assert.True(PaperPricing.TryToPrice(100.05, out var price));
        Assert.Equal(100.05m, price);
    }
}
