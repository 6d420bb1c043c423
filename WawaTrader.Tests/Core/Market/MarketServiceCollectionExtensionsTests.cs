using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Market;

public sealed class MarketServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        return services.AddMarket(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Defaults_to_the_simulated_market_with_the_registered_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 6, 15, 0, 59, TimeSpan.Zero));
        using var provider = Build([], time);

        var market = Assert.IsType<SimulatedMarket>(provider.GetRequiredService<IMarketData>());

        Assert.Equal(new DateTime(2025, 1, 6, 15, 0, 0, DateTimeKind.Utc), market.StartMarketTime);
        Assert.Same(market, provider.GetRequiredService<IMarketData>());
    }

    [Fact]
    public void Chooses_the_Csv_market_from_Trading_Market()
    {
        using var provider = Build(new() { ["Trading:Market"] = "Csv" });
        Assert.IsType<CsvMarketData>(provider.GetRequiredService<IMarketData>());
    }

    [Fact]
    public void Binds_the_simulation_section()
    {
        using var provider = Build(new() { ["Simulation:Seed"] = "99", ["Simulation:WarmupBars"] = "12" });
        var options = provider.GetRequiredService<IOptions<SimulationOptions>>().Value;
        Assert.Equal((99, 12), (options.Seed, options.WarmupBars));
    }

    [Fact]
    public void A_configured_watchlist_replaces_the_default_one()
    {
        using var provider = Build(new() { ["Trading:Watchlist:0"] = "TSLA", ["Trading:Watchlist:1"] = "META" });
        Assert.Equal(["TSLA", "META"], provider.GetRequiredService<IMarketData>().Symbols);
    }

    [Theory]
    [InlineData("Trading:Market", "Polygon", "Trading:Market must be Simulated, Csv or Alpaca")]
    [InlineData("Simulation:BarSeconds", "0", "BarSeconds")]
    [InlineData("Simulation:WarmupBars", "-1", "WarmupBars")]
    public void Invalid_settings_are_refused_naming_the_setting(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMarketData>());
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Csv", true)]
    [InlineData("Simulated", false)]
    public void With_persistence_a_real_market_records_its_bars_and_the_simulated_one_never_does(string kind, bool recorded)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Trading:Market"] = kind,
            ["Database:Path"] = Path.Combine(Path.GetTempPath(), "wawatrader-tests", Guid.NewGuid().ToString("N"), "unused.db"),
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddMarket(configuration).AddPersistence(configuration).BuildServiceProvider();

        var market = provider.GetRequiredService<IMarketData>();

        Assert.Equal(recorded, market is CachingMarketData);
        Assert.Equal(kind, market.Name);
        Assert.Contains(provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is BarRecorder);
    }

    [Fact]
    public void Bar_caching_is_on_by_default()
    {
        using var provider = Build([]);

        Assert.True(provider.GetRequiredService<IOptionsMonitor<MarketOptions>>().CurrentValue.CacheBars);
    }
}
