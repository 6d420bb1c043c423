using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Persistence;

// The agent lease's log lines (EfAgentLease).
internal static partial class Log
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Agent {Agent} holds its lease as {Holder}")]
    public static partial void LeaseTaken(ILogger logger, string agent, string holder);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Agent {Agent}: took the lease over from {Host} (pid {ProcessId}), {Why}")]
    public static partial void LeaseTakenOver(ILogger logger, string agent, string host, int processId, string why);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Critical, Message = "Agent {Agent} lost its lease to another process: trading halted")]
    public static partial void LeaseLost(ILogger logger, string agent);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Agent {Agent}: the lease's heartbeat could not be written; tried again in {Interval}")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, string agent, TimeSpan interval);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Agent {Agent} released its lease")]
    public static partial void LeaseReleased(ILogger logger, string agent);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Information, Message = "Agent {Agent}: the lease is held by {Host} (pid {ProcessId}); watching its heartbeat for up to {Timeout} before taking it over")]
    public static partial void LeaseWatched(ILogger logger, string agent, string host, int processId, TimeSpan timeout);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Agent {Agent}: the lease could not be released; another process may take it once its heartbeat is stale")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string agent);
}
