using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

public sealed class AlpacaBrokerRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddBrokers(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void Broker_alpaca_without_keys_refuses_to_start_naming_the_variables()
    {
        using var services = Build(new() { ["Trading:Broker"] = "Alpaca" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Trading:Broker is Alpaca", error.Message);
        Assert.Contains("APCA_API_KEY_ID", error.Message);
        Assert.Contains("APCA_API_SECRET_KEY", error.Message);
    }

    [Fact]
    public void Alpacas_own_key_variables_are_read_when_ours_are_not_set()
    {
        using var services = Build(new() { ["Trading:Broker"] = "Alpaca", ["APCA_API_KEY_ID"] = "PKFROMAPCA", ["APCA_API_SECRET_KEY"] = "apca-secret" });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<AlpacaOptions>>().Value;

        Assert.Equal(("PKFROMAPCA", "apca-secret"), (options.KeyId, options.SecretKey));
    }

    [Fact]
    public void Our_key_settings_win_over_alpacas_variables()
    {
        using var services = Build(new()
        {
            ["Alpaca:KeyId"] = "PKOURS", ["Alpaca:SecretKey"] = "ours", ["APCA_API_KEY_ID"] = "PKAPCA", ["APCA_API_SECRET_KEY"] = "apca",
            ["Trading:Broker"] = "Alpaca",
        });

        var options = services.GetRequiredService<IOptions<AlpacaOptions>>().Value;

        Assert.Equal(("PKOURS", "ours"), (options.KeyId, options.SecretKey));
    }

    [Fact]
    public void A_live_trading_url_refuses_to_start_unless_live_is_allowed()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Trading:Broker"] = "Alpaca", ["Alpaca:KeyId"] = "id", ["Alpaca:SecretKey"] = "secret", ["Alpaca:TradingUrl"] = "https://api.alpaca.markets",
        };
        using (var refused = Build(settings))
        {
            var error = Assert.Throws<OptionsValidationException>(() => refused.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains("Alpaca:AllowLive=true", error.Message);
        }

        settings["Alpaca:AllowLive"] = "true";
        using var allowed = Build(settings);
        allowed.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("Alpaca LIVE", allowed.GetRequiredService<IBroker>().Name);
    }

    [Fact]
    public void The_paper_endpoint_is_the_default_and_named_so()
    {
        using var services = Build(new() { ["Trading:Broker"] = "Alpaca", ["Alpaca:KeyId"] = "id", ["Alpaca:SecretKey"] = "secret" });

        Assert.Equal(AlpacaOptions.PaperTradingUrl, services.GetRequiredService<IOptions<AlpacaOptions>>().Value.TradingUrl);
        Assert.Equal("Alpaca paper", services.GetRequiredService<IBroker>().Name);
    }
}
