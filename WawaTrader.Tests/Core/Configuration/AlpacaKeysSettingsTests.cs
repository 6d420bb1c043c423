namespace WawaTrader.Tests.Core.Configuration;

/// <summary>Choosing Alpaca from the settings page or API without keys is refused before saving, naming the variables.</summary>
public sealed class AlpacaKeysSettingsTests
{
    [Theory]
    [InlineData("Broker")]
    [InlineData("Market")]
    public async Task Choosing_alpaca_without_keys_is_refused_naming_the_variables_and_nothing_is_saved(string field)
    {
        await using var h = await SettingsHarness.CreateAsync();

        var result = await h.SaveAsync("Trading", (field, "Alpaca"));

        Assert.False(result.Succeeded);
        Assert.Contains("APCA_API_KEY_ID", Assert.Single(result.Errors[field]));
        Assert.Null(h.Configuration[$"Trading:{field}"]);
    }

    [Theory]
    [InlineData("APCA_API_KEY_ID", "APCA_API_SECRET_KEY")]
    [InlineData("Alpaca:KeyId", "Alpaca:SecretKey")]
    public async Task Choosing_alpaca_with_keys_in_the_environment_is_saved(string keyId, string secret)
    {
        await using var h = await SettingsHarness.CreateAsync(new() { [keyId] = "PKENV", [secret] = "env-secret" });

        var result = await h.SaveAsync("Trading", ("Broker", "Alpaca"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        Assert.Equal("Alpaca", h.Configuration["Trading:Broker"]);
    }
}
