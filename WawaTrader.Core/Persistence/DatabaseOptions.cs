using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Persistence;

/// <summary>Where the journal lives. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default). PostgreSQL arrives with a later release.</summary>
    [RegularExpression("^(Sqlite)$", ErrorMessage = "Database:Provider must be Sqlite.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Path of the SQLite file; relative paths are under the working directory. Its folder is created if missing.</summary>
    [Required] public string Path { get; set; } = "data/wawatrader.db";

    /// <summary>The fallback journal file that takes records while the database refuses them; empty for
    /// <c>&lt;Path&gt;.journal.jsonl</c> beside the database. Another disk keeps it writable when the database's disk fails.</summary>
    public string? FallbackJournalPath { get; set; }
}
