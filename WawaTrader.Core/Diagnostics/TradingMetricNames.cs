namespace WawaTrader.Core.Diagnostics;

/// <summary>
/// The names of the <see cref="TradingMetrics"/> instruments on the <see cref="TradingMetrics.MeterName"/> meter, as
/// System.Diagnostics.Metrics sees them. A Prometheus scrape shows them with dots as underscores, the unit appended
/// (<c>_seconds</c>) and <c>_total</c> after a counter: <c>wawatrader.decisions</c> is <c>wawatrader_decisions_total</c>.
/// </summary>
public static class TradingMetricNames
{
    /// <summary>Counter of recorded decisions; tags <c>source</c> (Technical, Llm, Fallback) and <c>action</c> (Buy, Sell, Hold).</summary>
    public const string Decisions = "wawatrader.decisions";

    /// <summary>Counter of risk-rule verdicts on decisions that proposed a trade (Buy or Sell; a Hold's checks are not counted); tags <c>rule</c> (PositionSize, DailyLoss, ...) and <c>outcome</c> (approved, refused).</summary>
    public const string RiskChecks = "wawatrader.risk.checks";

    /// <summary>Counter of orders reaching a status (an order counts once per status it reaches); tag <c>status</c>.</summary>
    public const string Orders = "wawatrader.orders";

    /// <summary>Counter of fills received from the broker; tag <c>side</c> (Buy, Sell).</summary>
    public const string Fills = "wawatrader.fills";

    /// <summary>Counter of model calls; tag <c>outcome</c> (Used, Vetoed, FellBack, Failed) and, when Failed, <c>error.type</c>.</summary>
    public const string ModelCalls = "wawatrader.llm.calls";

    /// <summary>Histogram of model call latency in seconds (queue wait and retries included); tag <c>outcome</c>.</summary>
    public const string ModelCallDuration = "wawatrader.llm.call.duration";

    /// <summary>Histogram of broker request latency in seconds; tag <c>operation</c> (submit_order, get_order, get_account, cancel_open_orders).</summary>
    public const string BrokerRequestDuration = "wawatrader.broker.request.duration";

    /// <summary>Counter of broker requests that threw; tags <c>operation</c> and <c>error.type</c> (the exception's type name).</summary>
    public const string BrokerErrors = "wawatrader.broker.errors";

    /// <summary>Histogram of trading cycle duration in seconds; tag <c>outcome</c> (completed, failed).</summary>
    public const string CycleDuration = "wawatrader.cycle.duration";

    /// <summary>Histogram of the symbols analysed per cycle (those with a new bar).</summary>
    public const string CycleSymbols = "wawatrader.cycle.symbols";

    /// <summary>Histogram of journal write latency in seconds; tag <c>operation</c> (decision, order, snapshot).</summary>
    public const string JournalWriteDuration = "wawatrader.journal.write.duration";

    /// <summary>Observable gauge of alerts waiting to be sent; reports nothing until an <see cref="IAlertQueueDepth"/> is registered.</summary>
    public const string AlertQueueDepth = "wawatrader.alerts.queue.depth";

    /// <summary>Observable gauge of the account's equity (account currency) at the last cycle; nothing before the first.</summary>
    public const string Equity = "wawatrader.portfolio.equity";

    /// <summary>Observable gauge of the absolute market value of all positions (account currency) at the last cycle.</summary>
    public const string Exposure = "wawatrader.portfolio.exposure";

    /// <summary>Observable gauge of the bytes SQLite's allocator holds in this process (page caches, prepared statements, schema),
    /// as <c>sqlite3_memory_used()</c> reports: native memory the GC heap figures do not show.</summary>
    public const string SqliteMemory = "wawatrader.sqlite.memory";
}
