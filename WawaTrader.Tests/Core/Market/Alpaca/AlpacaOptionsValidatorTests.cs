using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Tests.Core.Market.Alpaca;

public sealed class AlpacaOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_without_keys()
    {
        var options = Resolve([]);

        Assert.Equal("https://data.alpaca.markets", options.DataUrl);
        Assert.Equal("https://paper-api.alpaca.markets", options.TradingUrl);
        Assert.Equal("iex", options.Feed);
        Assert.Equal("all", options.Adjustment);
        Assert.False(options.HasKeys);
    }

    [Theory]
    [InlineData("Alpaca:DataUrl", "data.alpaca.markets")]
    [InlineData("Alpaca:DataUrl", "ftp://data.alpaca.markets")]
    [InlineData("Alpaca:TradingUrl", "not a url")]
    [InlineData("Alpaca:Feed", "otc-premium")]
    [InlineData("Alpaca:Adjustment", "spinoff")]
    public void An_invalid_value_is_refused_naming_its_key(string key, string value)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sip_and_raw_are_accepted_ignoring_case()
    {
        var options = Resolve(new() { ["Alpaca:Feed"] = "SIP", ["Alpaca:Adjustment"] = "Raw", ["Alpaca:KeyId"] = "k", ["Alpaca:SecretKey"] = "s" });

        Assert.Equal("SIP", options.Feed);
        Assert.True(options.HasKeys);
    }

    private static AlpacaOptions Resolve(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddAlpacaOptions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AlpacaOptions>>().Value;
    }
}
