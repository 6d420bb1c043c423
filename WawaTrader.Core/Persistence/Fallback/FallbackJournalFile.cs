using System.Text;
using System.Text.Json;

namespace WawaTrader.Core.Persistence.Fallback;

/// <summary>
/// The append-only JSON-lines file (beside the SQLite file, <c>wawatrader.db.journal.jsonl</c>, or <c>wawatrader.journal.jsonl</c> in the data folder with PostgreSQL, unless
/// <see cref="DatabaseOptions.FallbackJournalPath"/> puts it on another disk) that holds the writes the database
/// refused, in order, until they are replayed. Each append is one line, flushed to the disk before it returns (a write it
/// acknowledges survives a crash). Space for <see cref="ReservedBytes"/> is reserved when the file is created, so records still
/// fit when the disk fills up. A torn last line (a crash mid-append) is ignored on reading. Owner-only (0600). Not thread-safe:
/// <see cref="DurableJournal"/> serialises its use.
/// </summary>
public sealed class FallbackJournalFile(string path)
{
    public const long ReservedBytes = 4 * 1024 * 1024;

    public string Path { get; } = path;

    /// <summary>The file at <paramref name="configuredPath"/>, or at <paramref name="defaultPath"/> (<see cref="JournalDatabase.DefaultFallbackJournalPath"/>:
    /// beside the SQLite file, in the data folder with PostgreSQL) when that is empty.</summary>
    public static FallbackJournalFile For(string defaultPath, string? configuredPath) =>
        new(string.IsNullOrWhiteSpace(configuredPath) ? defaultPath : System.IO.Path.GetFullPath(configuredPath));

    /// <summary>Whether the file holds entries not replayed yet.</summary>
    public bool HasEntries => File.Exists(Path) && new FileInfo(Path).Length > 0;

    /// <summary>Creates the file empty with <see cref="ReservedBytes"/> of disk reserved (its length stays 0), if it does not
    /// exist; false when the space could not be reserved (the file then grows as it is written).</summary>
    public bool Reserve()
    {
        if (File.Exists(Path)) return true;
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, PreallocationSize = ReservedBytes };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFiles.OwnerFile;
            using var created = new FileStream(Path, options);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Appends <paramref name="entry"/> as one line and flushes it to the disk; throws <see cref="IOException"/> when the file cannot take it.</summary>
    public void Append(FallbackEntry entry) => AppendAll([entry]);

    /// <summary>Appends <paramref name="entries"/> as lines, in order, with one flush to the disk; throws <see cref="IOException"/> when
    /// the file cannot take them, after cutting off whatever part of them was written (a later append never follows a torn line).</summary>
    public void AppendAll(IEnumerable<FallbackEntry> entries)
    {
        var lines = new MemoryStream();
        foreach (var entry in entries)
        {
            JsonSerializer.Serialize(lines, entry, PersistenceJson.Options);
            lines.WriteByte((byte)'\n');
        }
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows() && !File.Exists(Path)) options.UnixCreateMode = OwnerOnlyFiles.OwnerFile;
        using var stream = new FileStream(Path, options);
        var length = stream.Length;
        try
        {
            stream.Write(lines.GetBuffer(), 0, (int)lines.Length);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            try { stream.SetLength(length); } catch (IOException) { } // the disk may refuse even that; a torn last line is skipped on reading
            throw;
        }
    }

    /// <summary>The entries in the order they were appended; a last line cut short by a crash is left out.</summary>
    public IReadOnlyList<FallbackEntry> ReadAll()
    {
        if (!File.Exists(Path)) return [];
        var entries = new List<FallbackEntry>();
        foreach (var line in File.ReadAllText(Path, Encoding.UTF8).Split('\n'))
        {
            if (line.Length == 0 || line[0] == '\0') continue; // the reserved, never-written tail reads as zeros on some systems
            try { entries.Add(JsonSerializer.Deserialize<FallbackEntry>(line, PersistenceJson.Options)!); }
            catch (JsonException) { break; } // a torn last line: what follows it was never acknowledged
        }
        return entries;
    }

    /// <summary>Empties the file once everything in it is in the database, and reserves its space again.</summary>
    public void Clear()
    {
        if (File.Exists(Path)) File.Delete(Path);
        Reserve();
    }
}
