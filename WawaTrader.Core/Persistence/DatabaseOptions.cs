using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Persistence;

/// <summary>Where the journal lives. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Value of <see cref="Provider"/> for a SQLite file (the default).</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Value of <see cref="Provider"/> for a PostgreSQL server.</summary>
    public const string Postgres = "Postgres";

    /// <summary>Name of the connection string (<c>ConnectionStrings:WawaTrader</c>) that points at the PostgreSQL server.</summary>
    public const string ConnectionStringName = "WawaTrader";

    /// <summary>Environment variable read when <c>ConnectionStrings:WawaTrader</c> is not set.</summary>
    public const string ConnectionVariable = "WAWATRADER_DB_CONNECTION";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Path of the SQLite file; relative paths are under the working directory. Its folder is created if missing.
    /// With PostgreSQL its folder still holds the app's local files (the fallback journal, the Data Protection keys).</summary>
    [Required] public string Path { get; set; } = "data/wawatrader.db";

    /// <summary>The fallback journal file that takes records while the database refuses them; empty for
    /// <c>&lt;Path&gt;.journal.jsonl</c> beside the SQLite file, or <c>wawatrader.journal.jsonl</c> in the folder of <see cref="Path"/>
    /// with PostgreSQL. Another disk keeps it writable when the database's disk fails.</summary>
    public string? FallbackJournalPath { get; set; }

    /// <summary>The PostgreSQL connection string, from <c>ConnectionStrings:WawaTrader</c> or <c>WAWATRADER_DB_CONNECTION</c> (not
    /// bound from the <c>Database</c> section). It holds the password: never logged or shown; <see cref="PostgresDatabase.Location"/> is
    /// what messages name.</summary>
    public string? ConnectionString { get; set; }
}
