using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Market.Alpaca;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>The cycle on Alpaca's live market (the fake data server answering 503, then normally again): what the log shows.</summary>
public sealed class TradingCycleMarketOutageTests
{
    private static readonly string[] Watchlist = ["SPY", "AAPL"];

    [Fact]
    public async Task Market_data_that_keeps_failing_is_logged_once_then_per_minute_then_once_when_back_never_per_symbol()
    {
        await using var data = await FakeAlpacaDataServer.StartAsync();
        foreach (var symbol in Watchlist) data.Serve(symbol, Bars.Flat(100, 60), daily: false); // 14:30 to 15:29, closed by 15:30
        for (var i = 0; i < 6; i++) data.Enqueue(new AlpacaReply.Error(503, "service unavailable")); // both symbols, three cycles
        var logs = new CapturingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AlpacaHarness.Settings(data, new Dictionary<string, string?> { ["Alpaca:MaxRetries"] = "0" })).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddAlpacaMarketData(configuration)
            .BuildServiceProvider();
        var h = new CycleHarness(null, Watchlist);
        var market = new AlpacaLiveMarket(services.GetRequiredService<AlpacaHistoricalBars>(), services.GetRequiredService<IOptionsMonitor<AlpacaOptions>>(),
            Options.Create(h.Trading.CurrentValue), h.Time);
        var cycle = new TradingCycle(market, h.Analyst, new PositionSizer(), new RiskManager(h.Risk), h.Broker, h.Journal, h.Portfolio, h.Hub,
            h.Trading, h.Time, services.GetRequiredService<ILogger<TradingCycle>>());

        Assert.Equal(2, (await cycle.RunOnceAsync(CancellationToken.None)).Failures);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await cycle.RunOnceAsync(CancellationToken.None)).Failures);
        h.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(2, (await cycle.RunOnceAsync(CancellationToken.None)).Failures);
        var recovered = await cycle.RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, 2), (recovered.Failures, recovered.Decisions));
        var warnings = logs.Entries.Where(l => l.Contains(" Warning: ", StringComparison.Ordinal) || l.Contains(" Error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("Market data from Alpaca (iex) failed for SPY", warnings[0]);
        Assert.Contains("still failing: 4 more failed requests in the last 00:01:00 (latest: SPY:", warnings[1]);
        Assert.All(warnings, l => Assert.DoesNotContain("   at ", l));
        var back = Assert.Single(logs.Entries, l => l.Contains("Market data answers again", StringComparison.Ordinal));
        Assert.Contains("after 00:01:01 down (6 failed requests)", back);
        Assert.Equal(6, h.EventsOf<CycleFailed>().Count); // each failure still reaches the dashboard and the alerts
    }
}
