using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

public sealed class TradingServiceCollectionExtensionsTests
{
    private static IConfiguration Config(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static TradingOptions Bound(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TradingOptions>>().Value;
    }

    [Fact]
    public void Applies_the_default_watchlist_when_none_is_configured()
    {
        var options = Bound(new ServiceCollection().AddTradingOptions(Config([])));

        Assert.Equal(TradingOptions.DefaultWatchlist, options.Watchlist);
    }

    [Fact]
    public void A_configured_watchlist_replaces_the_default()
    {
        var options = Bound(new ServiceCollection().AddTradingOptions(Config(new()
        {
            ["Trading:Watchlist:0"] = "TSLA",
            ["Trading:Watchlist:1"] = "META",
        })));

        Assert.Equal(["TSLA", "META"], options.Watchlist);
    }

    [Fact]
    public void Symbols_are_trimmed_upper_cased_and_deduplicated_in_order()
    {
        var options = Bound(new ServiceCollection().AddTradingOptions(Config(new()
        {
            ["Trading:Watchlist:0"] = " tsla ",
            ["Trading:Watchlist:1"] = "Meta",
            ["Trading:Watchlist:2"] = "TSLA",
            ["Trading:Watchlist:3"] = "  ",
            ["Trading:Watchlist:4"] = "meta",
        })));

        Assert.Equal(["TSLA", "META"], options.Watchlist);
    }

    [Fact]
    public void Binding_twice_binds_once()
    {
        var configuration = Config(new() { ["Trading:Watchlist:0"] = "TSLA", ["Trading:IntervalSeconds"] = "2" });
        var services = new ServiceCollection().AddTradingOptions(configuration).AddTradingOptions(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<TradingOptions>));
        Assert.Equal(["TSLA"], Bound(services).Watchlist);
    }

    [Fact]
    public void The_market_and_the_agent_share_one_binding()
    {
        var configuration = Config(new() { ["Trading:Watchlist:0"] = "TSLA", ["Trading:Watchlist:1"] = "META" });
        var services = new ServiceCollection().AddMarket(configuration).AddTrading(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<TradingOptions>));
        Assert.Equal(["TSLA", "META"], Bound(services).Watchlist);
    }

    [Theory]
    [InlineData("Trading:IntervalSeconds", "0", "IntervalSeconds")]
    [InlineData("Trading:HistoryBars", "10", "HistoryBars")]
    [InlineData("Trading:Broker", "Ibkr", "Trading:Broker must be Paper or Alpaca")]
    public void Invalid_settings_are_refused_naming_the_setting(string key, string value, string expected)
    {
        using var provider = new ServiceCollection().AddTradingOptions(Config(new() { [key] = value })).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TradingOptions>>().Value);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_watchlist_of_blank_symbols_only_is_refused()
    {
        using var provider = new ServiceCollection().AddTradingOptions(Config(new() { ["Trading:Watchlist:0"] = " " })).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TradingOptions>>().Value);

        Assert.Contains("Watchlist", error.Message);
    }
}
