namespace WawaTrader.Tests.Web.Api;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Risk:MaxPositionPct", "500", "MaxPositionPct")]
    [InlineData("Trading:Market", "Moon", "Trading:Market")]
    [InlineData("Paper:InitialCash", "-5", "InitialCash")]
    public async Task App_refuses_to_start_on_invalid_configuration_naming_the_key(string key, string value, string named)
    {
        await using var app = new WawaTraderAppFactory(new Dictionary<string, string?> { [key] = value, ["Trading:StartOnLaunch"] = "false" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(named, error.ToString());
    }
}
