using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>Source-generated log messages of the Alpaca broker (event ids 4100–4199). No key ever reaches them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Order {ClientOrderId} sent to Alpaca: {Side} {Quantity} {Symbol}, status {Status}")]
    public static partial void OrderSent(ILogger logger, string clientOrderId, OrderSide side, decimal quantity, string symbol, OrderStatus status);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Order {ClientOrderId} for {Symbol} refused before sending: {Reason}")]
    public static partial void OrderRefused(ILogger logger, string clientOrderId, string symbol, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Order {ClientOrderId} for {Symbol} rejected by Alpaca ({Status}): {Reason}")]
    public static partial void OrderRejected(ILogger logger, string clientOrderId, string symbol, int status, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Order {ClientOrderId} already at Alpaca (status {Status}); adopted, not sent again")]
    public static partial void OrderAdopted(ILogger logger, string clientOrderId, OrderStatus status);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Order {ClientOrderId}: no answer to the POST ({Reason}); asking Alpaca by client order id before sending again")]
    public static partial void PostUnanswered(ILogger logger, string clientOrderId, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Order {ClientOrderId}: Alpaca limits the request rate (429); sending again in {Delay}")]
    public static partial void RateLimited(ILogger logger, string clientOrderId, TimeSpan delay);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Canceled {Count} open orders at Alpaca")]
    public static partial void OrdersCanceled(ILogger logger, int count);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Alpaca reported an unknown order status '{Status}' for {ClientOrderId}; kept open")]
    public static partial void UnknownStatus(ILogger logger, string status, string clientOrderId);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Alpaca has not answered for {Outage}; new orders halted: {Reason}")]
    public static partial void Halted(ILogger logger, TimeSpan outage, string reason);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Alpaca answers again; reconciled, agent resumed")]
    public static partial void Resumed(ILogger logger);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Reconciliation: {Description}")]
    public static partial void Reconciled(ILogger logger, string description);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning, Message = "Alpaca check failed: {Reason}")]
    public static partial void CheckFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Information, Message = "Listening to Alpaca's trade_updates stream")]
    public static partial void StreamListening(ILogger logger);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Warning, Message = "Alpaca's trade_updates stream dropped ({Reason}); reconnecting, open orders are polled meanwhile")]
    public static partial void StreamDropped(ILogger logger, string reason);

    [LoggerMessage(EventId = 4116, Level = LogLevel.Warning, Message = "Alpaca's Trading API is unavailable: {Reason} Requests fail until it answers again")]
    public static partial void TradingApiDown(ILogger logger, string reason);

    [LoggerMessage(EventId = 4117, Level = LogLevel.Warning, Message = "Alpaca's Trading API still unavailable: {Failures} more failed requests in the last {Window} (latest: {Reason}); down for {Down}")]
    public static partial void TradingApiStillDown(ILogger logger, int failures, TimeSpan window, string reason, TimeSpan down);

    [LoggerMessage(EventId = 4118, Level = LogLevel.Information, Message = "Alpaca's Trading API answers again after {Down} down ({Failures} failed requests)")]
    public static partial void TradingApiBack(ILogger logger, TimeSpan down, int failures);
}
