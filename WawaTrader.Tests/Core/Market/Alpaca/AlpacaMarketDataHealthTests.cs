using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Market.Alpaca;

/// <summary>With <c>Trading:Market=Alpaca</c> the market-data check says whether Alpaca's Market Data API answers, and its feed.</summary>
public sealed class AlpacaMarketDataHealthTests
{
    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>The market as AddMarket registers it for <c>Trading:Market=Alpaca</c>, no retries, on a fake clock.</summary>
    internal static ServiceProvider Services(FakeAlpacaDataServer data, FakeTimeProvider time)
    {
        var settings = AlpacaHarness.Settings(data, new Dictionary<string, string?> { ["Alpaca:Feed"] = "sip", ["Alpaca:MaxRetries"] = "0" });
        settings["Trading:Market"] = "Alpaca";
        settings["Trading:Watchlist:0"] = "AAPL";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time).AddMarket(configuration)
            .AddSingleton<AgentEventHub>().AddSingleton<AgentControl>().AddSingleton<MarketFreshness>().BuildServiceProvider();
    }

    private static Task<HealthCheckResult> CheckAsync(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<MarketDataHealthCheck>(services).CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("market-data", _ => null!, HealthStatus.Degraded, null),
        }, Ct);

    [Fact]
    public async Task It_is_healthy_while_the_market_data_api_answers_and_degraded_with_the_reason_once_it_is_down()
    {
        await using var data = await FakeAlpacaDataServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        await using var services = Services(data, time);

        var up = await CheckAsync(services);
        data.Down = true;
        time.Advance(AlpacaMarketDataProbe.ProbeAfter + TimeSpan.FromSeconds(1));
        var down = await CheckAsync(services);
        data.Down = false;
        var back = await CheckAsync(services);

        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.StartsWith("Alpaca's Market Data API (feed sip) answers.", up.Description);
        Assert.Equal(("sip", "answering"), (up.Data["feed"], up.Data["alpacaMarketData"]));
        Assert.Equal(HealthStatus.Degraded, down.Status);
        Assert.Contains("Alpaca's Market Data API (feed sip) does not answer since 2026-12-07 15:00:31 UTC", down.Description);
        Assert.Contains("could not be reached", down.Description);
        Assert.Equal("not answering", down.Data["alpacaMarketData"]);
        Assert.Equal(HealthStatus.Healthy, back.Status);
        Assert.False(services.GetRequiredService<AlpacaDataStatus>().FailingSince.HasValue);
    }

    [Fact]
    public async Task A_recent_answer_is_not_asked_for_again()
    {
        await using var data = await FakeAlpacaDataServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        await using var services = Services(data, time);

        await CheckAsync(services);
        time.Advance(TimeSpan.FromSeconds(10));
        var again = await CheckAsync(services);

        Assert.Single(data.Requests);
        Assert.StartsWith("Alpaca's Market Data API (feed sip) answered 10 s ago.", again.Description);
    }

    [Fact]
    public async Task Another_market_is_not_asked_about_alpaca()
    {
        await using var data = await FakeAlpacaDataServer.StartAsync();
        var settings = AlpacaHarness.Settings(data);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging().AddMarket(configuration)
            .AddSingleton<AgentEventHub>().AddSingleton<AgentControl>().AddSingleton<MarketFreshness>().BuildServiceProvider();

        var result = await CheckAsync(services);

        Assert.Empty(data.Requests);
        Assert.False(result.Data.ContainsKey("alpacaMarketData"));
    }
}
