using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Market.Alpaca;

internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Fetched {Count} {Timeframe} bar(s) of {Symbol} from Alpaca in {Pages} page(s)")]
    public static partial void BarsFetched(ILogger logger, int count, string timeframe, string symbol, int pages);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Cached {Symbol} from Alpaca: {Added} added, {Updated} replaced, {Unchanged} already present")]
    public static partial void BarsCached(ILogger logger, string symbol, int added, int updated, int unchanged);
}
