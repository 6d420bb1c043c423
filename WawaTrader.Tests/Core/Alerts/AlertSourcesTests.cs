using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Brokers;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Core.Risk;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>The engine's events, from a real trading cycle where one can make them, turned into alerts (channels off: what is accepted is what would be sent).</summary>
public sealed class AlertSourcesTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<Alert> _accepted = new();
    private AlertHarness _alerts = null!;

    public async Task InitializeAsync()
    {
        _alerts = await new AlertHarness(new Dictionary<string, string?> { ["Alerts:DedupMinutes"] = "0" }).StartAsync();
        _alerts.Manager.Accepted += (a, _) => _accepted.Enqueue(a);
    }

    public async Task DisposeAsync() => await _alerts.DisposeAsync();

    private AlertSources Sources(AgentEventHub hub, IBroker broker, TimeProvider time, LlmHealth? health = null) =>
        new(hub, _alerts.Manager, broker, _alerts.Get<IOptionsMonitor<AlertsOptions>>(), new TestOptionsMonitor<RiskOptions>(new RiskOptions()), time,
            NullLogger<AlertSources>.Instance, health);

    private List<Alert> Of(AlertType type) => [.. _accepted.Where(a => a.Type == type)];

    [Fact]
    public async Task A_fill_alerts_once_with_side_quantity_price_symbol_and_the_decisions_reasoning()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 90), "AAPL");
        h.ServeHistory("AAPL", 100);
        var sources = Sources(h.Hub, h.Broker, h.Time);
        await sources.StartAsync(CancellationToken.None);

        // A minute apart, so no fill waits for a group (Alerts:GroupWindow).
        await h.RunAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Market.PublishNext("AAPL", 100, 100.5);
        await h.RunAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Market.PublishNext("AAPL", 100.5, 100.7);
        await h.RunAsync();

        var filled = (await h.Journal.GetTradesAsync(100, CancellationToken.None)).OrderBy(t => t.Time).ToList();
        Assert.NotEmpty(filled);
        var first = filled[0];
        var trades = Of(AlertType.Trade);
        Assert.Equal(filled.Select(f => f.ClientOrderId).Distinct().Count(), trades.Count);
        var alert = trades.Single(t => t.DecisionId == first.DecisionId);
        Assert.Equal($"BUY {first.Quantity:0.####} AAPL @ {first.Price:0.00}", alert.Summary);
        Assert.Contains(new AlertField("Reasoning", "scripted Buy for AAPL"), alert.Fields);
        await sources.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_fill_keeps_its_decisions_reasoning_when_hundreds_of_holds_on_other_symbols_come_between()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 90), "AAPL");
        h.ServeHistory("AAPL", 100);
        var sources = Sources(h.Hub, h.Broker, h.Time);
        await sources.StartAsync(CancellationToken.None);
        await h.RunAsync(); // the Buy, its order sent

        // A 600-symbol watchlist's Holds (and a refused Sell) before the fill arrives.
        var buy = (await h.Journal.GetDecisionsAsync("AAPL", 10, CancellationToken.None)).Single(d => d.Action == TradeAction.Buy);
        for (var i = 0; i < 600; i++)
            sources.OnEvent(new DecisionMade(h.Time.GetUtcNow().UtcDateTime, buy with
            {
                Id = Guid.NewGuid(), Symbol = $"S{i:000}", Action = i == 0 ? TradeAction.Sell : TradeAction.Hold, Approved = false,
                Reasoning = $"hold {i}", Order = null,
            }));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Market.PublishNext("AAPL", 100, 100.5);
        await h.RunAsync();

        var alert = Assert.Single(Of(AlertType.Trade), t => t.DecisionId == buy.Id);
        Assert.Contains(new AlertField("Reasoning", "scripted Buy for AAPL"), alert.Fields);
        await sources.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_refusal_by_a_rule_names_the_rule_and_its_value_against_the_limit()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 50), "AAPL");
        h.ServeHistory("AAPL", 100);
        Sources(h.Hub, h.Broker, h.Time).OnEvent(new AgentStateChanged(h.Time.GetUtcNow().UtcDateTime, AgentState.Running, "start")); // no alert: never halted
        await using var _ = Subscribe(h.Hub, Sources(h.Hub, h.Broker, h.Time));

        await h.RunAsync();

        var alert = Assert.Single(_accepted);
        Assert.Equal((AlertType.OrderRejected, "BUY AAPL stopped by Confidence"), (alert.Type, alert.Summary));
        Assert.Contains(new AlertField("Rejected by", "risk rules"), alert.Fields);
        Assert.StartsWith("50 against a limit of 70: ", alert.Fields.Single(f => f.Name == RiskRules.Confidence).Value);
    }

    [Fact]
    public async Task A_refusal_by_the_broker_gives_the_brokers_reason()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 90), "AAPL");
        h.ServeHistory("AAPL", 100);
        var broker = new FixedAccountBroker(new BrokerAccount(100_000m, 100_000m, [], 0m));
        var cycle = Cycle(h, broker);
        await using var _ = Subscribe(h.Hub, Sources(h.Hub, broker, h.Time));

        await cycle.RunOnceAsync(CancellationToken.None);

        var alert = Assert.Single(Of(AlertType.OrderRejected));
        Assert.EndsWith("AAPL refused by the broker", alert.Summary);
        Assert.Contains(new AlertField("Reason", "FixedAccountBroker does not trade."), alert.Fields);
    }

    [Fact]
    public async Task A_broker_that_stops_answering_alerts_offline_once_then_back_once()
    {
        var h = new CycleHarness(null, "AAPL");
        h.ServeHistory("AAPL", 100);
        var monitored = new MonitoredBroker(h.Broker, h.Hub, h.Time);
        var cycle = Cycle(h, monitored);
        await using var _ = Subscribe(h.Hub, Sources(h.Hub, monitored, h.Time));

        h.Broker.FailAccount = true;
        await Assert.ThrowsAnyAsync<Exception>(() => cycle.RunOnceAsync(CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() => cycle.RunOnceAsync(CancellationToken.None));
        h.Broker.FailAccount = false;
        await cycle.RunOnceAsync(CancellationToken.None);
        await cycle.RunOnceAsync(CancellationToken.None);

        Assert.Equal([AlertType.BrokerOffline, AlertType.BrokerRecovered], _accepted.Select(a => a.Type));
        Assert.Equal("Paper is not answering", _accepted.First().Summary);
    }

    [Fact]
    public async Task A_failed_database_write_alerts_with_the_operation_and_the_error()
    {
        await using var database = new TempDatabase(); // never migrated: every write fails with "no such table"
        Directory.CreateDirectory(database.Folder);
        var h = new CycleHarness(null, "AAPL");
        var journal = new MonitoredJournal(database.Journal, h.Hub, h.Time);
        await using var _ = Subscribe(h.Hub, Sources(h.Hub, h.Broker, h.Time));

        await Assert.ThrowsAnyAsync<Exception>(() => journal.RecordSnapshotAsync(
            new PerformanceSnapshot(h.Time.GetUtcNow().UtcDateTime, h.Time.GetUtcNow().UtcDateTime, 1m, 1m, 0m, 0m), CancellationToken.None));

        var alert = Assert.Single(_accepted);
        Assert.True(alert.Body.Contains("no such table", StringComparison.Ordinal), alert.Body);
        Assert.Equal((AlertType.DatabaseFailure, AlertSeverity.Critical, "record snapshot failed"), (alert.Type, alert.Severity, alert.Summary));
    }

    [Fact]
    public async Task A_halt_alerts_and_the_next_start_alerts_resumed_and_an_ordinary_stop_and_start_do_not()
    {
        var h = new CycleHarness(null, "AAPL");
        var control = new AgentControl(h.Hub, h.Time);
        await using var _ = Subscribe(h.Hub, Sources(h.Hub, h.Broker, h.Time));

        control.Start();
        control.Halt("5 cycles failed in a row; last error: broker down");
        control.Start("Started by user");
        control.Stop();
        control.Start();

        Assert.Equal([AlertType.AgentHalted, AlertType.AgentResumed], _accepted.Select(a => a.Type));
        Assert.Equal("5 cycles failed in a row; last error: broker down", _accepted.First().Summary);
    }

    [Fact]
    public async Task The_model_going_offline_alerts_once_and_its_recovery_alerts_once()
    {
        var h = new CycleHarness(null, "AAPL");
        var health = new LlmHealth(new TestOptionsMonitor<LlmOptions>(new LlmOptions()), h.Time);
        await using var _ = Subscribe(h.Hub, Sources(h.Hub, h.Broker, h.Time, health));

        health.RecordFailure(5000, "connection refused", timeout: false, circuitOpen: false);
        health.RecordFailure(5000, "connection refused", timeout: false, circuitOpen: false);
        health.RecordFailure(5000, "connection refused", timeout: false, circuitOpen: false);
        health.RecordAnswer(800);
        health.RecordAnswer(700);

        Assert.Equal([AlertType.ModelOffline, AlertType.ModelRecovered], _accepted.Select(a => a.Type));
        Assert.Contains(new AlertField("Last error", "connection refused"), _accepted.First().Fields);
    }

    [Fact]
    public async Task The_daily_loss_limit_and_a_pnl_move_beyond_the_threshold_alert_once_a_day()
    {
        var h = new CycleHarness(null, "AAPL");
        await using var _ = Subscribe(h.Hub, Sources(h.Hub, h.Broker, h.Time));
        PortfolioUpdated At(decimal equity) => new(h.Time.GetUtcNow().UtcDateTime, new PortfolioSnapshot(h.Time.GetUtcNow().UtcDateTime, equity, equity, [], 100_000m, 0, 0m));

        h.Hub.Publish(At(99_000m)); // −1%: within both
        h.Hub.Publish(At(96_500m)); // −3.5%: beyond the 2% loss limit and the 3% move
        h.Hub.Publish(At(96_000m));
        h.Time.Advance(TimeSpan.FromMinutes(1)); // past the group window, so the next move is not held for a group
        h.Hub.Publish(At(103_500m)); // +3.5%: the other direction, once
        h.Hub.Publish(At(104_000m));
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Hub.Publish(At(96_000m)); // a new New York day

        Assert.Equal([AlertType.DailyLossLimit, AlertType.PnlChange, AlertType.PnlChange, AlertType.DailyLossLimit, AlertType.PnlChange],
            _accepted.Select(a => a.Type));
        Assert.Equal(["down 3.5% today (limit 2%)", "down 3.5% today", "up 3.5% today"], _accepted.Take(3).Select(a => a.Summary));
    }

    [Fact]
    public async Task The_daily_summary_is_sent_at_the_new_york_close_with_the_days_figures()
    {
        // 2024-03-15 14:00 UTC is 10:00 in New York (daylight time): the close is 20:00 UTC.
        var journal = new InMemoryDecisionJournal();
        var now = _alerts.Time.GetUtcNow().UtcDateTime;
        await journal.RecordDecisionAsync(JournalData.Decision("NVDA", time: now, barTime: now, withOrder: true, status: OrderStatus.Filled,
            fills: [new Fill(now, 17m, 131.2m, 0m)]), CancellationToken.None);
        await journal.RecordDecisionAsync(JournalData.Decision("AAPL", time: now, barTime: now), CancellationToken.None);
        var broker = new FixedAccountBroker(new BrokerAccount(50_000m, 101_000m,
            [new Position("NVDA", 17m, 131.2m, 140m, 0m), new Position("AAPL", 10m, 200m, 190m, 0m)], 0m));
        var portfolio = new PortfolioService(broker, journal, _alerts.Time);
        await portfolio.RefreshAsync(now, CancellationToken.None);
        var summary = new DailySummary(_alerts.Manager, journal, portfolio, _alerts.Get<IOptionsMonitor<AlertsOptions>>(), _alerts.Time,
            NullLogger<DailySummary>.Instance);
        await summary.StartAsync(CancellationToken.None);

        _alerts.Time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        await Eventually.SettleAsync();
        Assert.Empty(_accepted);
        _alerts.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => !_accepted.IsEmpty, "the summary");

        var alert = Assert.Single(_accepted);
        Assert.Equal((AlertType.DailySummary, "2024-03-15: equity 101,000.00, day +0.00 (0%)"), (alert.Type, alert.Summary));
        Assert.Contains(new AlertField("Trades", "1"), alert.Fields);
        Assert.Contains(new AlertField("Best symbol", "NVDA +149.60"), alert.Fields);
        Assert.Contains(new AlertField("Worst symbol", "AAPL -100.00"), alert.Fields);
        Assert.Contains(new AlertField("Decisions by source", "Llm 2"), alert.Fields);
        await summary.StopAsync(CancellationToken.None);
    }

    private static TradingCycle Cycle(CycleHarness h, IBroker broker) =>
        new(h.Market, h.Analyst, new PositionSizer(), new RiskManager(h.Risk), broker, h.Journal, new PortfolioService(broker, h.Journal, h.Time), h.Hub,
            h.Trading, h.Time, NullLogger<TradingCycle>.Instance);

    private static Started Subscribe(AgentEventHub hub, AlertSources sources)
    {
        sources.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new Started(sources);
    }

    private sealed class Started(AlertSources sources) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await sources.StopAsync(CancellationToken.None);
    }
}
