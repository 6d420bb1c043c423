using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Market;

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Bars of {Symbol} were not cached: {Count} bar(s) could not be written")]
    public static partial void BarsNotCached(ILogger logger, string symbol, int count, Exception exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "The bar cache's queue is full; {Count} bar(s) of {Symbol} were not recorded")]
    public static partial void BarQueueFull(ILogger logger, string symbol, int count);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Shutdown came before the bar cache was flushed; {Batches} batch(es) of bars were not recorded")]
    public static partial void BarFlushIncomplete(ILogger logger, int batches);
}
