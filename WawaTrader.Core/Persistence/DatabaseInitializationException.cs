namespace WawaTrader.Core.Persistence;

/// <summary>
/// The journal database could not be prepared: its folder could not be created, or the file is not a usable
/// SQLite database, or the PostgreSQL server cannot be reached or migrated. The message names <see cref="DatabasePath"/> so the user knows what to fix.
/// </summary>
public sealed class DatabaseInitializationException(string databasePath, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Absolute path of the SQLite file concerned, or the PostgreSQL database as <see cref="JournalDatabase.Location"/> names it (no password).</summary>
    public string DatabasePath { get; } = databasePath;
}
