using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Persistence;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {DatabasePath}: {Migrations}")]
    public static partial void MigrationsApplied(ILogger logger, int count, string databasePath, string migrations);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Database {DatabasePath} is up to date")]
    public static partial void DatabaseUpToDate(ILogger logger, string databasePath);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not switch {DatabasePath} to WAL; its journal mode is {JournalMode}")]
    public static partial void WalNotEnabled(ILogger logger, string databasePath, string journalMode);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "{File} is readable by other users and belongs to another user, so its mode cannot be narrowed to 0600")]
    public static partial void FileReadableByOthers(ILogger logger, string file);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Retention: deleted {Decisions} expired decision(s) and {Interactions} model interaction(s)")]
    public static partial void JournalPruned(ILogger logger, int decisions, int interactions);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Retention pass failed; it is tried again at the next interval")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "The database refuses writes; records go to {FallbackFile} until it takes them again")]
    public static partial void DatabaseRefusedWrite(ILogger logger, Exception exception, string fallbackFile);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Critical, Message = "Neither the database nor {FallbackFile} takes records: trading halted")]
    public static partial void JournalUnavailable(ILogger logger, Exception exception, string fallbackFile);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Replayed {Count} record(s) from {FallbackFile} into the database")]
    public static partial void Replayed(ILogger logger, int count, string fallbackFile);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "The database still refuses the fallback file's records ({Reason}); trying again later")]
    public static partial void ReplayFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "A {Kind} record from the fallback file is refused by the database; it is kept in {RejectedFile}")]
    public static partial void ReplayRejected(ILogger logger, Exception exception, string kind, string rejectedFile);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Replaying the fallback file failed; it is tried again shortly")]
    public static partial void ReplayCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "The market resumes after the last recorded bars of {SymbolCount} symbol(s), the latest at {LastBarTime:o} (market time)")]
    public static partial void MarketResumes(ILogger logger, int symbolCount, DateTime lastBarTime);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "The background WAL checkpoint failed ({Reason}); the WAL grows until it works again")]
    public static partial void CheckpointFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Warning, Message = "The background WAL checkpoint still fails: {Failures} more failures in the last {Window} (latest: {Reason})")]
    public static partial void CheckpointStillFailing(ILogger logger, int failures, TimeSpan window, string reason);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Information, Message = "The background WAL checkpoint works again after {Down} ({Failures} failures)")]
    public static partial void CheckpointsBack(ILogger logger, TimeSpan down, int failures);
}
