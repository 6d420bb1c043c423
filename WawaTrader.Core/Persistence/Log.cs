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

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "The market resumes after the last recorded bars of {SymbolCount} symbol(s), the latest at {LastBarTime:o} (market time)")]
    public static partial void MarketResumes(ILogger logger, int symbolCount, DateTime lastBarTime);
}
