using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The database behind the journal, as configured by <see cref="DatabaseOptions.Provider"/>: a SQLite file (<see cref="SqliteDatabase"/>)
/// or a PostgreSQL server (<see cref="PostgresDatabase"/>). Both hold the same schema, each through the migrations generated for it.
/// </summary>
public abstract class JournalDatabase
{
    /// <summary><see cref="DatabaseOptions.Sqlite"/> or <see cref="DatabaseOptions.Postgres"/>.</summary>
    public abstract string Provider { get; }

    /// <summary>Where the database is, for logs and messages: the SQLite file's path, or the server, port, database and user (never the password).</summary>
    public abstract string Location { get; }

    /// <summary>Absolute path of the folder of the app's local files (fallback journal, Data Protection keys).</summary>
    public abstract string DataFolder { get; }

    /// <summary>Absolute path of the fallback journal when <see cref="DatabaseOptions.FallbackJournalPath"/> is empty.</summary>
    public abstract string DefaultFallbackJournalPath { get; }

    /// <summary>Points an EF Core options builder at the database, with its provider's migrations.</summary>
    public abstract void Configure(DbContextOptionsBuilder builder);

    /// <summary>What the database needs before its migrations run (SQLite: the file, owner-only, in WAL mode). Throws
    /// <see cref="DatabaseInitializationException"/> naming <see cref="Location"/>.</summary>
    internal abstract Task PrepareAsync(ILogger logger, CancellationToken cancellationToken);

    /// <summary>The message for a database that could not be opened or migrated.</summary>
    internal abstract string DescribeFailure(Exception exception);
}
