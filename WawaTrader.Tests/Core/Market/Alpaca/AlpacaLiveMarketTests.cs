using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Market.Alpaca;

/// <summary>The live Alpaca market (<c>Trading:Market=Alpaca</c>) against the loopback fake of the data API.</summary>
public sealed class AlpacaLiveMarketTests
{
    private static CancellationToken Ct => CancellationToken.None;

    // 30 one-minute bars from 14:30 UTC; the clock stands in the middle of the 20th (14:49:30), so 19 are closed.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(Bars.DefaultStart.AddMinutes(19).AddSeconds(30)));

    private static ServiceProvider Build(FakeAlpacaDataServer server, IDictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        var settings = AlpacaHarness.Settings(server, overrides);
        settings["Trading:Market"] = "Alpaca";
        settings["Trading:Watchlist:0"] = "AAPL";
        var services = new ServiceCollection().AddLogging().AddSingleton(time ?? Clock);
        return services.AddMarket(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }

    [Fact]
    public async Task History_is_the_closed_bars_only_the_most_recent_count()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("AAPL", Bars.Trending(0.1, 30), daily: false);
        using var services = Build(server);
        var market = services.GetRequiredService<IMarketData>();

        var history = await market.GetHistoryAsync("AAPL", 10, Ct);

        Assert.Equal(10, history.Count);
        Assert.Equal(Bars.DefaultStart.AddMinutes(18), history[^1].Time);
        Assert.Equal(Bars.DefaultStart.AddMinutes(9), history[0].Time);
    }

    [Fact]
    public async Task Bars_since_are_the_newer_closed_ones()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("AAPL", Bars.Trending(0.1, 30), daily: false);
        using var services = Build(server);
        var market = services.GetRequiredService<IMarketData>();

        var since = await market.GetBarsSinceAsync("AAPL", Bars.DefaultStart.AddMinutes(15), Ct);

        Assert.Equal([16, 17, 18], since.Select(b => (int)(b.Time - Bars.DefaultStart).TotalMinutes));
    }

    [Theory]
    [InlineData("iex", "Alpaca (iex)")]
    [InlineData("sip", "Alpaca (sip)")]
    public async Task Names_itself_by_the_feed_and_asks_alpaca_for_that_feed_and_timeframe(string feed, string name)
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("AAPL", Bars.Trending(0.1, 30), daily: false);
        using var services = Build(server, new Dictionary<string, string?> { ["Alpaca:Feed"] = feed, ["Alpaca:BarTimeframe"] = "5Min" });
        var market = services.GetRequiredService<IMarketData>();

        await market.GetHistoryAsync("AAPL", 5, Ct);

        Assert.Equal(name, market.Name);
        var request = Assert.Single(server.Requests);
        Assert.Equal((feed, "5Min"), (request.Query["feed"], request.Query["timeframe"]));
    }

    [Fact]
    public async Task Market_alpaca_without_keys_refuses_to_start_naming_the_variables()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        using var services = Build(server, new Dictionary<string, string?> { ["Alpaca:KeyId"] = null, ["Alpaca:SecretKey"] = null });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Trading:Market is Alpaca", error.Message);
        Assert.Contains("APCA_API_SECRET_KEY", error.Message);
    }

    [Fact]
    public async Task The_alpaca_market_goes_with_the_built_in_paper_broker_and_decides_in_the_regular_session_only()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        var settings = AlpacaHarness.Settings(server);
        settings["Trading:Market"] = "Alpaca";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IPaperLedgerStore, InMemoryPaperLedgerStore>()
            .AddMarket(configuration).AddBrokers(configuration).BuildServiceProvider();

        Assert.IsType<AlpacaLiveMarket>(services.GetRequiredService<IMarketData>());
        Assert.IsType<PaperBroker>(services.GetRequiredService<IBroker>());
        Assert.True(services.GetRequiredService<IOptions<TradingOptions>>().Value.MarketHoursOnly);
    }
}
