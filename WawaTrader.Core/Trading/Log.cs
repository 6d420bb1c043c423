using Microsoft.Extensions.Logging;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Trading;

internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Decision {DecisionId} for {Symbol}: {Action} at {Confidence:F0}% approved={Approved}")]
    public static partial void DecisionRecorded(ILogger logger, Guid decisionId, string symbol, TradeAction action, double confidence, bool approved);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Order {ClientOrderId} for {Symbol} could not be sent; it will be reconciled")]
    public static partial void OrderSendFailed(ILogger logger, Exception exception, string clientOrderId, string symbol);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Order {ClientOrderId} reconciled from {Before} to {After}")]
    public static partial void OrderReconciled(ILogger logger, string clientOrderId, OrderStatus before, OrderStatus after);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "{Symbol}: {Stage} failed; the other symbols go on")]
    public static partial void SymbolFailed(ILogger logger, Exception exception, string symbol, string stage);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Trading cycle failed ({ConsecutiveFailures} in a row)")]
    public static partial void CycleFailed(ILogger logger, Exception exception, int consecutiveFailures);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Cycle: {Decisions} decisions, {Orders} orders, {Failures} failures in {ElapsedMs:F1} ms")]
    public static partial void CycleCompleted(ILogger logger, int decisions, int orders, int failures, double elapsedMs);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Critical, Message = "Agent halted: {Reason}")]
    public static partial void AgentHalted(ILogger logger, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Market data from {Market} failed for {Symbol} ({Reason}); symbols without bars are skipped until it answers again")]
    public static partial void MarketDataDown(ILogger logger, Exception? exception, string market, string symbol, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Market data from {Market} still failing: {Failures} more failed requests in the last {Window} (latest: {Reason}); down for {Down}")]
    public static partial void MarketDataStillDown(ILogger logger, string market, int failures, TimeSpan window, string reason, TimeSpan down);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "The records a cycle left behind (its performance snapshot) could not be kept")]
    public static partial void RecordsBehindFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Market data answers again after {Down} down ({Failures} failed requests)")]
    public static partial void MarketDataBack(ILogger logger, TimeSpan down, int failures);
}
