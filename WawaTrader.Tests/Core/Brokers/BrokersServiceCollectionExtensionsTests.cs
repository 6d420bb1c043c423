using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

public sealed class BrokersServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IPaperLedgerStore, InMemoryPaperLedgerStore>()
            .AddBrokers(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void Paper_broker_is_the_default_and_one_instance_serves_both_interfaces()
    {
        using var services = Build([]);

        var paper = services.GetRequiredService<PaperBroker>();

        Assert.Same(paper, services.GetRequiredService<IBroker>());
        Assert.Same(paper, services.GetRequiredService<IMarketBarSink>());
    }

    [Fact]
    public async Task Binds_the_paper_section()
    {
        using var services = Build(new() { ["Paper:InitialCash"] = "2500", ["Paper:SlippageBps"] = "5", ["Paper:CommissionPerShare"] = "0.01" });

        var options = services.GetRequiredService<IOptions<PaperOptions>>().Value;
        var account = await services.GetRequiredService<IBroker>().GetAccountAsync(CancellationToken.None);

        Assert.Equal((2500m, 5m, 0.01m), (options.InitialCash, options.SlippageBps, options.CommissionPerShare));
        Assert.Equal(2500m, account.Cash);
    }

    [Fact]
    public void Invalid_paper_settings_fail_start_up_validation_naming_the_key()
    {
        using var services = Build(new() { ["Paper:SlippageBps"] = "-1" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SlippageBps", error.Message);
    }

    [Fact]
    public void Alpaca_broker_is_the_broker_when_configured_and_nothing_fills_from_bars()
    {
        using var services = Build(new() { ["Trading:Broker"] = "Alpaca", ["Alpaca:KeyId"] = "id", ["Alpaca:SecretKey"] = "secret" });

        var broker = services.GetRequiredService<IBroker>();

        Assert.IsType<WawaTrader.Core.Brokers.Alpaca.AlpacaBroker>(broker);
        Assert.False(broker is IMarketBarSink);
    }
}
