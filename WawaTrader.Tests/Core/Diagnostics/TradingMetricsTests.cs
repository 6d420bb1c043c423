using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Portfolio;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Diagnostics;

public sealed class TradingMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct => new(Meters, TradingMetrics.MeterName, instrument, _time);

    [Fact]
    public void A_decision_counts_once_by_source_and_action_and_each_risk_check_by_rule_and_outcome()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var decisions = Collect<long>(TradingMetricNames.Decisions);
        using var checks = Collect<long>(TradingMetricNames.RiskChecks);

        var sell = JournalData.Decision(action: WawaTrader.Core.Analysis.TradeAction.Sell);

        metrics.DecisionRecorded(sell);

        var decision = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal(1, decision.Value);
        Assert.True(decision.MatchesTags(Tag("source", "Llm"), Tag("action", "Sell")));
        var counted = checks.GetMeasurementSnapshot().Select(m => ((string)m.Tags["rule"]!, (string)m.Tags["outcome"]!)).ToList();
        Assert.Equal(sell.RiskChecks.Select(c => (c.Rule, c.Passed ? "approved" : "refused")), counted);
        Assert.Contains((WawaTrader.Core.Risk.RiskRules.Confidence, "refused"), counted);
    }

    [Fact]
    public void A_hold_counts_as_a_decision_but_its_risk_checks_are_no_approvals_or_refusals()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var decisions = Collect<long>(TradingMetricNames.Decisions);
        using var checks = Collect<long>(TradingMetricNames.RiskChecks);

        metrics.DecisionRecorded(JournalData.Decision(action: WawaTrader.Core.Analysis.TradeAction.Hold));

        Assert.Equal("Hold", Assert.Single(decisions.GetMeasurementSnapshot()).Tags["action"]);
        Assert.Empty(checks.GetMeasurementSnapshot());
    }

    [Fact]
    public void An_order_counts_each_status_it_reaches_and_only_its_new_fills()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var orders = Collect<long>(TradingMetricNames.Orders);
        using var fills = Collect<long>(TradingMetricNames.Fills);
        var created = JournalData.Decision(withOrder: true).Order!;
        var accepted = created with { Status = OrderStatus.Accepted, Fills = [Fill()] };
        var filled = accepted with { Status = OrderStatus.Filled, Fills = [Fill(), Fill(), Fill()] };

        metrics.OrderChanged(null, created);
        metrics.OrderChanged(created, accepted);
        metrics.OrderChanged(accepted, accepted);
        metrics.OrderChanged(accepted, filled);

        Assert.Equal(["New", "Accepted", "Filled"], orders.GetMeasurementSnapshot().Select(m => m.Tags["status"]));
        Assert.Equal([1L, 2L], fills.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.All(fills.GetMeasurementSnapshot(), m => Assert.Equal("Buy", m.Tags["side"]));
    }

    [Fact]
    public void A_failed_model_call_is_counted_with_its_error_type_and_its_latency_in_seconds()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var calls = Collect<long>(TradingMetricNames.ModelCalls);
        using var latency = Collect<double>(TradingMetricNames.ModelCallDuration);

        metrics.ModelCallCompleted(LlmOutcome.Failed, TimeSpan.FromMilliseconds(1500), LlmFailureKind.Timeout);
        metrics.ModelCallCompleted(LlmOutcome.Used, TimeSpan.FromMilliseconds(250));

        Assert.Collection(calls.GetMeasurementSnapshot(),
            m => Assert.True(m.MatchesTags(Tag("outcome", "Failed"), Tag("error.type", "Timeout"))),
            m => Assert.False(m.Tags.ContainsKey("error.type")));
        Assert.Equal([1.5, 0.25], latency.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public async Task A_broker_request_that_throws_is_timed_counted_as_an_error_and_rethrown()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var duration = Collect<double>(TradingMetricNames.BrokerRequestDuration);
        using var errors = Collect<long>(TradingMetricNames.BrokerErrors);

        await Assert.ThrowsAsync<HttpRequestException>(() => metrics.MeasureBrokerAsync<BrokerAccount>(BrokerOperations.GetAccount, async () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(80));
            await Task.Yield();
            throw new HttpRequestException("broker down");
        }));

        var timed = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(0.08, timed.Value, 6);
        Assert.Equal("get_account", timed.Tags["operation"]);
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.True(error.MatchesTags(Tag("operation", "get_account"), Tag("error.type", "HttpRequestException")));
    }

    [Fact]
    public async Task A_broker_request_that_answers_is_timed_and_is_no_error()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var duration = Collect<double>(TradingMetricNames.BrokerRequestDuration);
        using var errors = Collect<long>(TradingMetricNames.BrokerErrors);

        var answer = await metrics.MeasureBrokerAsync(BrokerOperations.SubmitOrder, () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(5));
            return Task.FromResult(42);
        });

        Assert.Equal(42, answer);
        Assert.Equal(0.005, Assert.Single(duration.GetMeasurementSnapshot()).Value, 6);
        Assert.Empty(errors.GetMeasurementSnapshot());
    }

    [Fact]
    public void A_journal_write_records_the_time_between_start_and_dispose()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var writes = Collect<double>(TradingMetricNames.JournalWriteDuration);

        using (metrics.TimeJournalWrite("decision")) _time.Advance(TimeSpan.FromMilliseconds(12));

        var write = Assert.Single(writes.GetMeasurementSnapshot());
        Assert.Equal(0.012, write.Value, 6);
        Assert.Equal("decision", write.Tags["operation"]);
    }

    [Fact]
    public void Cycles_are_timed_by_outcome_and_count_the_symbols_analysed()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var cycles = Collect<double>(TradingMetricNames.CycleDuration);
        using var symbols = Collect<int>(TradingMetricNames.CycleSymbols);

        metrics.CycleCompleted(TimeSpan.FromSeconds(2), failed: false);
        metrics.CycleCompleted(TimeSpan.FromSeconds(3), failed: true);
        metrics.SymbolsAnalysed(6);

        Assert.Equal([("completed", 2.0), ("failed", 3.0)], cycles.GetMeasurementSnapshot().Select(m => ((string)m.Tags["outcome"]!, m.Value)));
        Assert.Equal(6, Assert.Single(symbols.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void Equity_and_exposure_gauges_report_nothing_before_the_first_cycle_then_its_portfolio()
    {
        var metrics = new TradingMetrics(Meters, _time);
        using var equity = Collect<double>(TradingMetricNames.Equity);
        using var exposure = Collect<double>(TradingMetricNames.Exposure);
        equity.RecordObservableInstruments();
        var before = equity.GetMeasurementSnapshot(clear: true).Count;

        metrics.PortfolioObserved(new PortfolioSnapshot(_time.GetUtcNow().UtcDateTime, 40_000m, 101_500m,
            [new Position("AAPL", 100m, 150m, 200m, 0m), new Position("MSFT", -10m, 300m, 350m, 0m)], 100_000m, 2, 0m));
        equity.RecordObservableInstruments();
        exposure.RecordObservableInstruments();

        Assert.Equal(0, before);
        Assert.Equal(101_500d, equity.LastMeasurement!.Value);
        Assert.Equal(23_500d, exposure.LastMeasurement!.Value); // |100 × 200| + |−10 × 350|
    }

    [Fact]
    public void The_alert_queue_gauge_reports_nothing_without_an_alert_sender_and_its_depth_with_one()
    {
        using var without = Collect<int>(TradingMetricNames.AlertQueueDepth);
        _ = new TradingMetrics(Meters, _time);
        without.RecordObservableInstruments();
        Assert.Empty(without.GetMeasurementSnapshot());

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var with = new MetricCollector<int>(meters, TradingMetrics.MeterName, TradingMetricNames.AlertQueueDepth, _time);
        _ = new TradingMetrics(meters, _time, new QueueOf(3));
        with.RecordObservableInstruments();

        Assert.Equal(3, Assert.Single(with.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void The_SQLite_memory_gauge_reports_what_SQLite_holds_and_rises_while_a_connection_fills_its_page_cache()
    {
        _ = new TradingMetrics(Meters, _time);
        using var memory = Collect<long>(TradingMetricNames.SqliteMemory);
        memory.RecordObservableInstruments();
        var before = memory.LastMeasurement!.Value;

        // A private in-memory database of about 8 MB, read back whole: its pages stay in this connection's cache while it is open.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE t(x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) " +
                "INSERT INTO t SELECT randomblob(4000) FROM n; SELECT sum(length(x)) FROM t;";
            Assert.Equal(8_000_000L, (long)command.ExecuteScalar()!);
        }
        memory.RecordObservableInstruments();
        var holding = memory.LastMeasurement!.Value;

        Assert.True(before >= 0, $"SQLite reported {before} bytes before");
        Assert.True(holding - before > 4_000_000, $"{before} → {holding} bytes while 8 MB of pages are held");
    }

    public void Dispose() => _services.Dispose();

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    private Fill Fill() => new(_time.GetUtcNow().UtcDateTime, 17m, 100m, 0.01m);

    /// <summary>An alert sender's queue as the gauge sees it.</summary>
    private sealed class QueueOf(int depth) : IAlertQueueDepth
    {
        public int QueuedAlerts => depth;
    }
}
