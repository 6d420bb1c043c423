using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The SQLite file behind the journal and how to connect to it. <see cref="DatabasePath"/> is
/// <see cref="DatabaseOptions.Path"/> made absolute against the current directory once, at construction.
/// Connections are pooled; each opened connection gets <c>busy_timeout</c>, <c>synchronous=NORMAL</c>
/// (safe with WAL, which <see cref="DatabaseInitializer"/> turns on once for the file), a <see cref="CacheKibibytes"/> page cache and,
/// while <see cref="SqliteCheckpointer"/> runs, no checkpoint at commit.
/// </summary>
public sealed class SqliteConnectionFactory
{
    /// <summary>How long a writer waits for another writer's lock before failing, in milliseconds.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>Page cache of each connection, in KiB (SQLite's default is 2,000). The journal's write touches the newest leaf
    /// page of every symbol in the per-symbol decision index (about 500 pages, 2 MB, for 500 symbols) besides the newest pages of
    /// each table: with the default cache each write read some of them back from the file. 8 MB keeps them with room to spare; a
    /// larger cache only held more memory on the soak (every connection's cache fills up to it as pages are read).</summary>
    public const int CacheKibibytes = 8 * 1024;

    private readonly SqlitePragmaInterceptor _pragmas;
    private volatile bool _checkpointsInBackground;

    public SqliteConnectionFactory(IOptions<DatabaseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Value.Path))
        {
            throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), ["Database:Path is required."]);
        }
        _pragmas = new SqlitePragmaInterceptor(BusyTimeoutMilliseconds, CacheKibibytes, () => _checkpointsInBackground);
        DatabasePath = Path.GetFullPath(options.Value.Path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>Whether <see cref="SqliteCheckpointer"/> checkpoints the WAL: connections EF opens from now on then do not checkpoint
    /// at commit (<c>wal_autocheckpoint = 0</c>); otherwise they do at SQLite's default of 1,000 pages.</summary>
    public bool CheckpointsInBackground
    {
        get => _checkpointsInBackground;
        set => _checkpointsInBackground = value;
    }

    /// <summary>Absolute path of the SQLite file.</summary>
    public string DatabasePath { get; }

    public string ConnectionString { get; }

    /// <summary>A new, closed connection to the file (the caller opens and disposes it).</summary>
    public SqliteConnection CreateConnection() => new(ConnectionString);

    /// <summary>Points an EF Core options builder at the file, with the per-connection pragmas.</summary>
    public void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(ConnectionString).AddInterceptors(_pragmas)
            // A migration that rebuilds a table turns foreign keys off outside the transaction; EF warns on every new database.
            // The migrations are ours and run once at start-up before anything else touches the file: Information, not Warning.
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information)));
    }
}
