using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Brokers.Alpaca;
using WawaTrader.Tests.Fakes;
using WawaTrader.Web.Components.Dashboard;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class ConnectionCardTests
{
    [Fact]
    public async Task With_the_alpaca_broker_it_says_alpaca_answers_when_the_market_opens_and_what_was_reconciled()
    {
        await using var fake = await FakeAlpacaTradingServer.StartAsync();
        fake.MarketOpen = false;
        fake.SetPrice("AAPL", 100m);
        fake.SetPosition("AAPL", 3m, 90m); // bought by hand on Alpaca's site
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AlpacaBrokerHarness.Settings(fake)).Build();
        ctx.Services.AddLogging().AddSingleton<IPaperLedgerStore, InMemoryPaperLedgerStore>().AddBrokers(configuration)
            .AddSingleton<IMarketData>(new BarsMarket()).AddSingleton<AgentEventHub>().AddSingleton<AgentControl>()
            .AddSingleton<IDecisionJournal>(new InMemoryDecisionJournal());
        await ctx.Services.GetRequiredService<AlpacaWatchdog>().CheckAsync(CancellationToken.None);

        var card = ctx.Render<ConnectionCard>();

        Assert.Contains("Alpaca paper", card.Find("[data-testid=connection-broker]").TextContent);
        Assert.Equal("Alpaca answers", card.Find("[data-testid=alpaca-up]").TextContent.Trim());
        Assert.StartsWith("Market closed, opens at", card.Find("[data-testid=market-closed]").TextContent.Trim());
        Assert.Contains("AAPL: Alpaca holds 3 shares", card.Find("[data-testid=reconciliation-event]").TextContent);
    }

    [Fact]
    public async Task It_lists_the_latest_stored_reconciliation_events_also_those_of_an_earlier_run()
    {
        await using var fake = await FakeAlpacaTradingServer.StartAsync();
        var store = new InMemoryReconciliationStore();
        for (var i = 1; i <= ConnectionCard.EventsShown + 2; i++)
            await store.AddAsync(new ReconciliationEvent(new DateTime(2026, 12, 4, 15, i, 0, DateTimeKind.Utc), ReconciliationKind.OrderUpdated, "AAPL",
                $"wt-{i}", $"Order wt-{i} is Filled at Alpaca"), CancellationToken.None);
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AlpacaBrokerHarness.Settings(fake)).Build();
        ctx.Services.AddLogging().AddSingleton<IReconciliationStore>(store).AddSingleton<IPaperLedgerStore, InMemoryPaperLedgerStore>().AddBrokers(configuration)
            .AddSingleton<IMarketData>(new BarsMarket()).AddSingleton<AgentEventHub>().AddSingleton<AgentControl>()
            .AddSingleton<IDecisionJournal>(new InMemoryDecisionJournal());

        var card = ctx.Render<ConnectionCard>();

        var listed = card.FindAll("[data-testid=reconciliation-event]").Select(e => e.TextContent).ToList();
        Assert.Equal(ConnectionCard.EventsShown, listed.Count);
        Assert.Contains("Order wt-7 is Filled", listed[0]);
        Assert.Contains("Order wt-3 is Filled", listed[^1]);
    }

    [Fact]
    public async Task With_the_alpaca_market_it_says_whether_the_market_data_api_answers_beside_the_broker()
    {
        await using var data = await FakeAlpacaDataServer.StartAsync();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        await using var market = WawaTrader.Tests.Core.Market.Alpaca.AlpacaMarketDataHealthTests.Services(data, time);
        var probe = market.GetRequiredService<WawaTrader.Core.Market.Alpaca.AlpacaMarketDataProbe>();
        await using var ctx = new BunitContext();
        var services = new DashboardServices(ctx);
        ctx.Services.AddSingleton(market.GetRequiredService<IMarketData>()).AddSingleton(market.GetRequiredService<WawaTrader.Core.Market.Alpaca.AlpacaDataStatus>())
            .AddSingleton(market.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WawaTrader.Core.Market.Alpaca.AlpacaOptions>>());

        await probe.CheckAsync(CancellationToken.None);
        var up = ctx.Render<ConnectionCard>().Find("[data-testid=alpaca-data-up]").TextContent.Trim();
        data.Down = true;
        time.Advance(TimeSpan.FromMinutes(1));
        await probe.CheckAsync(CancellationToken.None);
        var down = ctx.Render<ConnectionCard>().Find("[data-testid=alpaca-data-down]").TextContent;

        Assert.Contains(services.Broker.Name, ctx.Render<ConnectionCard>().Find("[data-testid=connection-broker]").TextContent);
        Assert.Equal("Alpaca market data (sip) answers", up);
        Assert.Contains("Alpaca market data (sip) does not answer since", down);
        Assert.Contains("could not be reached", down);
    }

    [Fact]
    public async Task With_the_paper_broker_it_names_broker_and_market_only()
    {
        await using var ctx = new BunitContext();
        var services = new DashboardServices(ctx);

        var card = ctx.Render<ConnectionCard>();

        Assert.Contains(services.Broker.Name, card.Find("[data-testid=connection-broker]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=last-reconciliation]"));
    }
}
