using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Core.Risk;
using WawaTrader.Tests.Core.Trading;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>The real trading cycle (sizer, risk manager, journal) sending to the Alpaca broker against the stateful fake.</summary>
public sealed class AlpacaTradingDayTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_day_of_buys_partial_fills_and_a_sell_ends_with_our_fills_equal_to_alpacas_positions_and_cash()
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync();
        harness.Fake.SetPrice("AAPL", 100m);
        harness.Fake.SetPrice("MSFT", 200m);
        var startingCash = harness.Fake.Cash;
        var day = AlpacaDay.Build(harness, new InMemoryDecisionJournal(), "AAPL", "MSFT");
        day.Market.Publish("AAPL", Bars.Flat(100, 60)).Publish("MSFT", Bars.Flat(200, 60));
        day.Analyst.Propose("AAPL", TradeAction.Buy).Propose("MSFT", TradeAction.Buy);

        await day.Cycle.RunOnceAsync(Ct);                              // two buys sent
        harness.Fake.FillPartially(await day.ClientOrderIdOfLastOrderAsync("AAPL"), 20m, 100.5m);
        harness.Fake.FillOpenOrders("MSFT", 201m);
        day.Analyst.Propose("AAPL", TradeAction.Hold, 50).Propose("MSFT", TradeAction.Hold, 50);
        day.Market.PublishNext("AAPL", 100, 101);
        day.Market.PublishNext("MSFT", 201, 202);
        await day.Cycle.RunOnceAsync(Ct);                              // partial fill and fill recorded
        harness.Fake.FillOpenOrders("AAPL", 101m);
        day.Analyst.Propose("MSFT", TradeAction.Sell);
        day.Market.PublishNext("AAPL", 101, 102);
        day.Market.PublishNext("MSFT", 202, 203);
        await day.Cycle.RunOnceAsync(Ct);                              // AAPL filled; MSFT sold
        harness.Fake.FillOpenOrders("MSFT", 203m);
        day.Analyst.Propose("MSFT", TradeAction.Hold, 50);
        day.Market.PublishNext("AAPL", 102, 102);
        day.Market.PublishNext("MSFT", 203, 203);
        await day.Cycle.RunOnceAsync(Ct);                              // the sell's fill recorded

        var trades = await day.Journal.GetTradesAsync(1_000, Ct);
        var (ours, ourCash) = await day.OursAsync(startingCash);
        Assert.Equal(harness.Fake.PositionOf("AAPL"), ours["AAPL"]);
        Assert.Equal(0m, harness.Fake.PositionOf("MSFT"));
        Assert.Equal(0m, ours["MSFT"]);
        Assert.Equal(harness.Fake.Cash, ourCash);
        Assert.Equal((2, 2), (trades.Count(t => t.Symbol == "AAPL"), trades.Count(t => t.Symbol == "MSFT")));
        Assert.Empty(await day.Journal.GetOpenOrdersAsync(Ct));
        Assert.Equal(3, harness.Fake.OrderPosts);
    }

    [Fact]
    public async Task With_alpaca_as_market_too_each_decision_records_the_feed_its_bar_came_from()
    {
        await using var harness = await AlpacaBrokerHarness.StartAsync();
        await using var data = await Fakes.FakeAlpacaDataServer.StartAsync();
        data.Serve("AAPL", Bars.Flat(100, 80), daily: false);
        var time = new FakeTimeProvider(new DateTimeOffset(Bars.DefaultStart.AddMinutes(70).AddSeconds(5)));
        var settings = Market.Alpaca.AlpacaHarness.Settings(data, new Dictionary<string, string?> { ["Alpaca:Feed"] = "sip" });
        settings["Trading:Market"] = "Alpaca";
        settings["Trading:Watchlist:0"] = "AAPL";
        using var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time)
            .AddMarket(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var market = services.GetRequiredService<WawaTrader.Core.Market.IMarketData>();
        var journal = new InMemoryDecisionJournal();
        var trading = new TestOptionsMonitor<TradingOptions>(new TradingOptions { Watchlist = ["AAPL"], HistoryBars = 60, PositionSizePct = 5 });
        var cycle = new TradingCycle(market, new ScriptedAnalyst(), new PositionSizer(), new RiskManager(new TestOptionsMonitor<RiskOptions>(new RiskOptions())),
            harness.Broker, journal, new PortfolioService(harness.Broker, journal, time), new AgentEventHub(NullLogger<AgentEventHub>.Instance),
            trading, time, NullLogger<TradingCycle>.Instance);

        await cycle.RunOnceAsync(Ct);

        var decision = Assert.Single(await journal.GetDecisionsAsync(null, 10, Ct));
        Assert.Equal("sip", decision.Feed);
        Assert.Equal(Bars.DefaultStart.AddMinutes(69), decision.BarTime);
    }

    [Fact]
    public async Task An_order_recorded_then_posted_before_a_crash_is_adopted_after_the_restart_and_exists_once()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await using var harness = await AlpacaBrokerHarness.StartAsync(configure: s => s.AddSingleton<IDecisionJournal>(database.Journal).AddSingleton<AgentEventHub>());
        harness.Fake.SetPrice("SPY", 100m);
        // Before the crash: the decision and its order were written (status New), the POST reached Alpaca, no answer was read.
        var decision = JournalData.Decision("SPY", withOrder: true, status: OrderStatus.New);
        await database.Journal.RecordDecisionAsync(decision, Ct);
        harness.Fake.EnqueueFault("POST", new Fakes.TradingFault.DropAfterAcceptAndGoDown());
        await Assert.ThrowsAnyAsync<Exception>(() => harness.Broker.SubmitOrderAsync(
            new OrderRequest(decision.Order!.ClientOrderId, "SPY", OrderSide.Buy, decision.Order.Quantity), Ct));
        harness.Fake.Down = false;

        // After the restart: the journal (its SQLite file, read afresh per call) reconciled at start-up.
        var reconciled = await harness.Services.GetRequiredService<AlpacaReconciler>().ReconcileAsync(atStartUp: true, Ct);

        var order = (await database.Journal.GetDecisionAsync(decision.Id, Ct))!.Order!;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.False(string.IsNullOrEmpty(order.BrokerOrderId));
        Assert.Equal(ReconciliationKind.OrderUpdated, Assert.Single(reconciled).Kind);
        Assert.Equal((1, 1), (harness.Fake.OrderPosts, harness.Fake.OrderCount));
    }
}
