using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Trading;

internal static partial class Log
{
    private static readonly Func<ILogger, Guid, string, IDisposable?> Decision =
        LoggerMessage.DefineScope<Guid, string>("Decision {DecisionId} for {Symbol}");

    /// <summary>The scope every line about one decision is written in: its decision id and symbol (exported as attributes).</summary>
    public static IDisposable? DecisionScope(ILogger logger, Guid decisionId, string symbol) => Decision(logger, decisionId, symbol);
}
