using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Persistence;

/// <summary>The journal in a SQLite file (the default): its migrations are WawaTrader.Core's <c>Persistence/Migrations</c>.</summary>
public sealed class SqliteDatabase(SqliteConnectionFactory connections) : JournalDatabase
{
    public override string Provider => DatabaseOptions.Sqlite;
    public override string Location => connections.DatabasePath;
    public override string DataFolder => Path.GetDirectoryName(connections.DatabasePath) ?? Directory.GetCurrentDirectory();
    public override string DefaultFallbackJournalPath => connections.DatabasePath + ".journal.jsonl";

    public override void Configure(DbContextOptionsBuilder builder) => connections.Configure(builder);

    /// <summary>How the file is connected to (the background checkpointer turns the commits' checkpoints off through it).</summary>
    internal SqliteConnectionFactory Connections => connections;

    internal override async Task PrepareAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var path = connections.DatabasePath;
        CreateFile(path, logger);
        try
        {
            await EnableWalAsync(path, logger, cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new DatabaseInitializationException(path, DescribeFailure(ex), ex);
        }
    }

    internal override string DescribeFailure(Exception exception) =>
        $"The database file '{connections.DatabasePath}' could not be opened or migrated: {exception.Message} " +
        "Check that it is a SQLite database written by WawaTrader, or move it away to start a new one.";

    private static void CreateFile(string path, ILogger logger)
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

    private async Task EnableWalAsync(string path, ILogger logger, CancellationToken cancellationToken)
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
