namespace WawaTrader.Core.Persistence;

/// <summary>
/// The journal database could not be prepared: its folder could not be created, or the file is not a usable
/// SQLite database. The message names <see cref="DatabasePath"/> so the user knows which file to fix.
/// </summary>
public sealed class DatabaseInitializationException(string databasePath, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Absolute path of the database file concerned.</summary>
    public string DatabasePath { get; } = databasePath;
}
