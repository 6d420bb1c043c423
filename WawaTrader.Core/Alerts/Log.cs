using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Alerts;

internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "{Type} alert sent over {Channel} (attempt {Attempt})")]
    public static partial void Sent(ILogger logger, AlertChannelKind channel, AlertType type, int attempt);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "{Type} alert over {Channel} failed (attempt {Attempt}); retrying in {DelaySeconds:0.#} s: {Error}")]
    public static partial void Retrying(ILogger logger, AlertChannelKind channel, AlertType type, int attempt, double delaySeconds, string error);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "{Type} alert over {Channel} failed after {Attempts} attempts: {Error}")]
    public static partial void Failed(ILogger logger, AlertChannelKind channel, AlertType type, int attempts, string error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "The {Channel} alert queue is full; a {Type} alert was dropped")]
    public static partial void QueueFull(ILogger logger, AlertChannelKind channel, AlertType type);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "{Type} alert for {ConditionKey} suppressed as a duplicate")]
    public static partial void Duplicate(ILogger logger, AlertType type, string? conditionKey);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "A {Type} alert could not be queued")]
    public static partial void PublishFailed(ILogger logger, Exception exception, AlertType type);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Recording a {Type} alert over {Channel} failed; the delivery goes on")]
    public static partial void RecordFailed(ILogger logger, Exception exception, AlertChannelKind channel, AlertType type);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Error, Message = "The {Channel} alert sender failed on one alert; it goes on with the next")]
    public static partial void DeliveryCrashed(ILogger logger, Exception exception, AlertChannelKind channel);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Information, Message = "Posting an alert to the Slack webhook at {Host}")]
    public static partial void PostingToSlack(ILogger logger, string host);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "{Count} alerts left pending by the last run were marked failed (the app stopped before delivering them)")]
    public static partial void StalePending(ILogger logger, int count);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "The alerts left pending by the last run could not be marked failed")]
    public static partial void StaleCleanupFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Error, Message = "An alert source failed on {EventType}")]
    public static partial void SourceFailed(ILogger logger, Exception exception, string eventType);

    // A channel's outage: 7012 once when an attempt first fails, 7013 per minute while attempts keep failing, 7014 once when it
    // delivers again. The per-attempt lines (7001, 7002) are Debug: each delivery's record keeps its attempts and error.
    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Alerts over {Channel} fail ({Error}) on a {Type} alert; retried as set, summarised per minute until it delivers again")]
    public static partial void ChannelDown(ILogger logger, AlertChannelKind channel, AlertType type, string error);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Warning, Message = "Alerts over {Channel} still failing: {Failures} more failed attempts in the last {Window} (latest: {Error}); down for {Down}")]
    public static partial void ChannelStillDown(ILogger logger, AlertChannelKind channel, int failures, TimeSpan window, string error, TimeSpan down);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Information, Message = "Alerts over {Channel} are delivered again after {Down} ({Failures} failed attempts)")]
    public static partial void ChannelBack(ILogger logger, AlertChannelKind channel, TimeSpan down, int failures);
}
