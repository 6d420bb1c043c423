using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Shared;

public sealed class FormatTests
{
    [Theory]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("-1234.567", "-$1,234.57")]
    [InlineData("0", "$0.00")]
    public void Money_is_dollars_with_two_decimals_and_the_sign_first(string value, string expected) =>
        Assert.Equal(expected, Format.Money(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("12.3", "+$12.30")]
    [InlineData("-12.3", "-$12.30")]
    [InlineData("0", "$0.00")]
    public void Signed_money_always_shows_the_sign_of_a_change(string value, string expected) =>
        Assert.Equal(expected, Format.SignedMoney(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(82.4, "82%")]
    [InlineData(82.5, "83%")]
    [InlineData(double.NaN, "—")]
    public void Confidence_is_a_whole_percent(double confidence, string expected) =>
        Assert.Equal(expected, Format.Confidence(confidence));

    [Theory]
    [InlineData("1200", "1,200")]
    [InlineData("0.5", "0.5")]
    [InlineData("-10", "-10")]
    public void Quantity_groups_thousands_and_keeps_fractions(string value, string expected) =>
        Assert.Equal(expected, Format.Quantity(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Signed_percent_has_two_decimals() => Assert.Equal("-1.25%", Format.SignedPercent(-1.25m));
}
