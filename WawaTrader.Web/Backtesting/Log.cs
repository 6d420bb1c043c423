namespace WawaTrader.Web.Backtesting;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Backtest {RunId} queued: {Strategy} on {Symbols}")]
    public static partial void Queued(ILogger logger, Guid runId, string strategy, string symbols);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Backtest {RunId} finished {Status} in {Seconds:0.0} s")]
    public static partial void Finished(ILogger logger, Guid runId, WawaTrader.Core.Backtesting.BacktestStatus status, double seconds);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Backtest {RunId} failed: {Error}")]
    public static partial void Failed(ILogger logger, Exception exception, Guid runId, string error);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Backtest {RunId} could not be saved")]
    public static partial void SaveFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "{Count} backtest run(s) left unfinished by the last stop were marked failed")]
    public static partial void Interrupted(ILogger logger, int count);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Optimisation {OptimizationId} queued: {Strategy}, {Sets} parameter sets")]
    public static partial void OptimizationQueued(ILogger logger, Guid optimizationId, string strategy, long sets);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "Optimisation {OptimizationId} finished {Status} in {Seconds:0.0} s")]
    public static partial void OptimizationFinished(ILogger logger, Guid optimizationId, WawaTrader.Core.Backtesting.BacktestStatus status, double seconds);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Warning, Message = "Optimisation {OptimizationId} failed: {Error}")]
    public static partial void OptimizationFailed(ILogger logger, Exception exception, Guid optimizationId, string error);
}
