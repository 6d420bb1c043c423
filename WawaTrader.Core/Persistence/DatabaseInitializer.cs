using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Prepares the journal database at start-up, before the agent runs: creates the file and its folder owner-only
/// (<see cref="OwnerOnlyFiles"/>), switches the file to WAL and applies pending EF Core migrations. Running it on an up-to-date database changes nothing.
/// Failures to create the folder or to open the file throw <see cref="DatabaseInitializationException"/> naming the path.
/// </summary>
public sealed class DatabaseInitializer(
    SqliteConnectionFactory connections,
    IDbContextFactory<TradingDbContext> contexts,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var path = connections.DatabasePath;
        CreateFolder(path);
        try
        {
            await EnableWalAsync(path, cancellationToken);
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                Log.DatabaseUpToDate(logger, path);
                return;
            }
            await context.Database.MigrateAsync(cancellationToken);
            Log.MigrationsApplied(logger, pending.Count, path, string.Join(", ", pending));
        }
        catch (SqliteException ex)
        {
            throw new DatabaseInitializationException(path,
                $"The database file '{path}' could not be opened or migrated: {ex.Message} " +
                "Check that it is a SQLite database written by WawaTrader, or move it away to start a new one.", ex);
        }
    }

    private void CreateFolder(string path)
    {
        if (Directory.Exists(path))
        {
            throw new DatabaseInitializationException(path, $"The database path '{path}' is a folder, not a file.");
        }
        var folder = Path.GetDirectoryName(path);
        try
        {
            if (!string.IsNullOrEmpty(folder)) OwnerOnlyFiles.CreateFolder(folder);
            foreach (var file in OwnerOnlyFiles.SecureDatabaseFile(path)) Log.FileReadableByOthers(logger, file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DatabaseInitializationException(path,
                $"Cannot create the database file '{path}' (or its folder) readable by its owner only: {ex.Message}", ex);
        }
    }

    private async Task EnableWalAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = connections.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            Log.WalNotEnabled(logger, path, mode);
        }
    }
}
