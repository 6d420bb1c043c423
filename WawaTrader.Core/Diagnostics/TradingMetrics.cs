using System.Diagnostics;
using System.Diagnostics.Metrics;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Diagnostics;

/// <summary>
/// The agent's instruments on one <see cref="Meter"/> named <see cref="MeterName"/> (created through <see cref="IMeterFactory"/>,
/// so each host or test has its own): counters and histograms recorded where the event happens (cycle, analyst, journal,
/// hosted loop), and observable gauges of equity, exposure and the alert queue. Names are in <see cref="TradingMetricNames"/>.
/// Durations are in seconds, measured with the injected <see cref="TimeProvider"/>. Thread-safe; a backtest passes none.
/// </summary>
public sealed class TradingMetrics
{
    public const string MeterName = "WawaTrader";

    private readonly TimeProvider _time;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _riskChecks;
    private readonly Counter<long> _orders;
    private readonly Counter<long> _fills;
    private readonly Counter<long> _modelCalls;
    private readonly Histogram<double> _modelCallDuration;
    private readonly Histogram<double> _brokerRequestDuration;
    private readonly Counter<long> _brokerErrors;
    private readonly Histogram<double> _cycleDuration;
    private readonly Histogram<int> _cycleSymbols;
    private readonly Histogram<double> _journalWriteDuration;
    private PortfolioSnapshot? _portfolio;

    public TradingMetrics(IMeterFactory meterFactory, TimeProvider time, IAlertQueueDepth? alertQueue = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>(TradingMetricNames.Decisions, "{decision}", "Decisions recorded, by source and action.");
        _riskChecks = meter.CreateCounter<long>(TradingMetricNames.RiskChecks, "{check}", "Risk rule verdicts, by rule and outcome (approved or refused).");
        _orders = meter.CreateCounter<long>(TradingMetricNames.Orders, "{order}", "Orders reaching each status.");
        _fills = meter.CreateCounter<long>(TradingMetricNames.Fills, "{fill}", "Fills received from the broker.");
        _modelCalls = meter.CreateCounter<long>(TradingMetricNames.ModelCalls, "{call}", "Model calls, by outcome.");
        _modelCallDuration = meter.CreateHistogram(TradingMetricNames.ModelCallDuration, "s", "Model call latency, queue wait and retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60] });
        _brokerRequestDuration = meter.CreateHistogram(TradingMetricNames.BrokerRequestDuration, "s", "Broker request latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _brokerErrors = meter.CreateCounter<long>(TradingMetricNames.BrokerErrors, "{error}", "Broker requests that failed, by operation and error type.");
        _cycleDuration = meter.CreateHistogram(TradingMetricNames.CycleDuration, "s", "Trading cycle duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _cycleSymbols = meter.CreateHistogram(TradingMetricNames.CycleSymbols, "{symbol}", "Symbols analysed per cycle (those with a new bar).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 5, 10, 20, 50, 100, 200] });
        _journalWriteDuration = meter.CreateHistogram(TradingMetricNames.JournalWriteDuration, "s", "Journal write latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        meter.CreateObservableGauge<int>(TradingMetricNames.AlertQueueDepth, () => QueuedAlerts(alertQueue), "{alert}", "Alerts waiting to be sent.");
        meter.CreateObservableGauge<double>(TradingMetricNames.Equity, () => FromPortfolio(p => p.Equity), "{currency}", "Account equity at the last cycle.");
        meter.CreateObservableGauge<double>(TradingMetricNames.Exposure, () => FromPortfolio(p => p.Exposure), "{currency}",
            "Absolute market value of all positions at the last cycle.");
        SQLitePCL.Batteries_V2.Init(); // what Microsoft.Data.Sqlite does before its first connection; the gauge may be read before one
        meter.CreateObservableGauge<long>(TradingMetricNames.SqliteMemory, SQLitePCL.raw.sqlite3_memory_used, "By",
            "Native memory held by SQLite in this process (page caches, statements).");
    }

    /// <summary>A recorded decision: one count by source and action and, when it proposed a trade (Buy or Sell), one per risk
    /// check by rule and outcome. A Hold is never approved; its checks only describe the portfolio, so they are not counted.</summary>
    public void DecisionRecorded(DecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _decisions.Add(1, new TagList { { "source", SourceName(decision.Source) }, { "action", ActionName(decision.Action) } });
        if (decision.Action == TradeAction.Hold) return;
        foreach (var check in decision.RiskChecks)
            _riskChecks.Add(1, new TagList { { "rule", check.Rule }, { "outcome", check.Passed ? "approved" : "refused" } });
    }

    /// <summary>An order changed from <paramref name="before"/> (null: just created) to <paramref name="after"/>: counts the
    /// status it reached (when it changed) and the fills that are new.</summary>
    public void OrderChanged(OrderRecord? before, OrderRecord after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null || before.Status != after.Status) _orders.Add(1, new KeyValuePair<string, object?>("status", StatusName(after.Status)));
        var newFills = after.Fills.Count - (before?.Fills.Count ?? 0);
        if (newFills > 0) _fills.Add(newFills, new KeyValuePair<string, object?>("side", after.Side == OrderSide.Buy ? "Buy" : "Sell"));
    }

    /// <summary>One model call and its latency; <paramref name="failure"/> names why a Failed call got no answer.</summary>
    public void ModelCallCompleted(LlmOutcome outcome, TimeSpan latency, LlmFailureKind? failure = null)
    {
        var name = outcome.ToString();
        var tags = new TagList { { "outcome", name } };
        _modelCallDuration.Record(latency.TotalSeconds, tags);
        if (failure is { } kind) tags.Add("error.type", kind.ToString());
        _modelCalls.Add(1, tags);
    }

    /// <summary>One broker request: its latency, and an error count when it threw.</summary>
    public void BrokerRequestCompleted(string operation, TimeSpan elapsed, Exception? error = null)
    {
        _brokerRequestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        if (error is not null)
            _brokerErrors.Add(1, new TagList { { "operation", operation }, { "error.type", error.GetType().Name } });
    }

    /// <summary>Times <paramref name="request"/> as broker <paramref name="operation"/> (see <see cref="BrokerOperations"/>); rethrows its failure.</summary>
    public async Task<T> MeasureBrokerAsync<T>(string operation, Func<Task<T>> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        try
        {
            var result = await request();
            BrokerRequestCompleted(operation, _time.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex)
        {
            BrokerRequestCompleted(operation, _time.GetElapsedTime(started), ex);
            throw;
        }
    }

    /// <summary>One trading cycle, completed or failed.</summary>
    public void CycleCompleted(TimeSpan elapsed, bool failed) =>
        _cycleDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "completed"));

    /// <summary>How many symbols one cycle analysed.</summary>
    public void SymbolsAnalysed(int count) => _cycleSymbols.Record(count);

    /// <summary>Starts timing a journal write of kind <paramref name="operation"/> (decision, order, snapshot); disposing records it.</summary>
    public JournalWriteTiming TimeJournalWrite(string operation) => new(this, operation, _time.GetTimestamp());

    /// <summary>The portfolio as of the last cycle, read by the equity and exposure gauges.</summary>
    public void PortfolioObserved(PortfolioSnapshot portfolio) => Volatile.Write(ref _portfolio, portfolio);

    private static IEnumerable<Measurement<int>> QueuedAlerts(IAlertQueueDepth? queue) =>
        queue is null ? [] : [new Measurement<int>(queue.QueuedAlerts)];

    private IEnumerable<Measurement<double>> FromPortfolio(Func<PortfolioSnapshot, decimal> value) =>
        Volatile.Read(ref _portfolio) is { } portfolio ? [new Measurement<double>((double)value(portfolio))] : [];

    internal void JournalWriteCompleted(string operation, long started) =>
        _journalWriteDuration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    // Enum names without ToString's reflection per event.
    private static string SourceName(DecisionSource source) => source switch
    {
        DecisionSource.Technical => "Technical",
        DecisionSource.Llm => "Llm",
        DecisionSource.Fallback => "Fallback",
        _ => source.ToString(),
    };

    private static string ActionName(TradeAction action) => action switch
    {
        TradeAction.Buy => "Buy",
        TradeAction.Sell => "Sell",
        TradeAction.Hold => "Hold",
        _ => action.ToString(),
    };

    private static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.New => "New",
        OrderStatus.Accepted => "Accepted",
        OrderStatus.Filled => "Filled",
        OrderStatus.Rejected => "Rejected",
        OrderStatus.Canceled => "Canceled",
        _ => status.ToString(),
    };
}

/// <summary>A journal write being timed; <see cref="Dispose"/> records its duration (once, whether the write succeeded or threw).</summary>
public readonly struct JournalWriteTiming(TradingMetrics metrics, string operation, long started) : IDisposable
{
    public void Dispose() => metrics?.JournalWriteCompleted(operation, started);
}

/// <summary>The <c>operation</c> tag values of <see cref="TradingMetricNames.BrokerRequestDuration"/>.</summary>
public static class BrokerOperations
{
    public const string SubmitOrder = "submit_order";
    public const string GetOrder = "get_order";
    public const string GetAccount = "get_account";
    public const string CancelOpenOrders = "cancel_open_orders";

    /// <summary>Runs <paramref name="request"/>, timed when <paramref name="metrics"/> is there (a backtest has none).</summary>
    public static Task<T> MeasuredAsync<T>(this TradingMetrics? metrics, string operation, Func<Task<T>> request) =>
        metrics is null ? request() : metrics.MeasureBrokerAsync(operation, request);
}
