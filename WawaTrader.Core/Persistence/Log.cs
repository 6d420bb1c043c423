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
}
