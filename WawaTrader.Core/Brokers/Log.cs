using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Brokers;

/// <summary>Source-generated log messages of the Brokers folder (event ids 4000–4099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Paper ledger loaded: cash {Cash}, {OrderCount} orders")]
    public static partial void LedgerLoaded(ILogger logger, decimal cash, int orderCount);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "New paper account opened with cash {Cash}")]
    public static partial void AccountOpened(ILogger logger, decimal cash);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Order {ClientOrderId} accepted: {Side} {Quantity} {Symbol}")]
    public static partial void OrderAccepted(ILogger logger, string clientOrderId, OrderSide side, decimal quantity, string symbol);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Order {ClientOrderId} for {Symbol} filled: {Side} {Quantity} at {Price}, commission {Commission}")]
    public static partial void OrderFilled(ILogger logger, string clientOrderId, string symbol, OrderSide side, decimal quantity, decimal price, decimal commission);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Order {ClientOrderId} for {Symbol} rejected: {Reason}")]
    public static partial void OrderRejected(ILogger logger, string clientOrderId, string symbol, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Canceled {Count} open paper orders")]
    public static partial void OrdersCanceled(ILogger logger, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Order {ClientOrderId} was already submitted; returning it (status {Status})")]
    public static partial void DuplicateOrder(ILogger logger, string clientOrderId, OrderStatus status);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Order {ClientOrderId} was resubmitted with different terms ({Side} {Quantity} {Symbol}); the original order is kept")]
    public static partial void DuplicateOrderDiffers(ILogger logger, string clientOrderId, OrderSide side, decimal quantity, string symbol);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Bar of {Symbol} at {BarTime:o} ignored: {Reason}")]
    public static partial void BarIgnored(ILogger logger, string symbol, DateTime barTime, string reason);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Error, Message = "Saving the paper ledger failed; the last saved ledger will be reloaded")]
    public static partial void LedgerSaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Bar of {Symbol} at {BarTime:o} already seen (last bar {LastBarTime:o}); nothing to fill or mark")]
    public static partial void BarAlreadySeen(ILogger logger, string symbol, DateTime barTime, DateTime lastBarTime);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "A reconciliation event could not be stored (kept for this run only): {Description}")]
    public static partial void ReconciliationNotStored(ILogger logger, Exception exception, string description);
}
