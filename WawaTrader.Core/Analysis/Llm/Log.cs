using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>Source-generated log messages of the model bridge. None of them carries the API key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Model call for {Symbol} failed ({Reason}); the technical view stands alone until the model answers again")]
    public static partial void CallFailed(ILogger logger, Exception? exception, string symbol, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Model still unavailable: {Failures} more failed calls in the last {Window} (latest: {Reason}); down for {Down}")]
    public static partial void StillFailing(ILogger logger, int failures, TimeSpan window, string reason, TimeSpan down);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Model answers again after {Down} down ({Failures} failed calls)")]
    public static partial void Recovered(ILogger logger, TimeSpan down, int failures);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Model answer for {Symbol} was unreadable ({Error}); the technical view stands alone")]
    public static partial void AnswerUnreadable(ILogger logger, string symbol, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Model circuit opened for {BreakDuration} after repeated failures")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Model circuit closed: the server answers again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Model circuit half-open: probing the server")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Model server {Endpoint} rejected response format {Rejected}; using {Next} from now on")]
    public static partial void ResponseFormatDowngraded(ILogger logger, string endpoint, LlmResponseFormat rejected, LlmResponseFormat next);
}
