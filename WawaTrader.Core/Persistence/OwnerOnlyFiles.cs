namespace WawaTrader.Core.Persistence;

/// <summary>
/// Files that hold the trading history or keys are readable by their owner only: folders the app creates are 0700, the
/// database file and its WAL and shared-memory files 0600 (SQLite gives the WAL and -shm files the database file's mode).
/// A folder that already existed (the user's own) is left as it is. No-op on Windows, where the user profile's ACLs apply.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="folder"/> (and missing parents) owner-only; an existing folder is not changed.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows() || Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, OwnerFolder);
    }

    /// <summary>Creates the SQLite file empty and owner-only when it does not exist yet, and narrows the modes of the file and its
    /// <c>-wal</c>/<c>-shm</c> companions to 0600 when they are wider (a database made by an earlier version).</summary>
    /// <returns>The files whose mode stays wider because they belong to another user.</returns>
    public static IReadOnlyList<string> SecureDatabaseFile(string path)
    {
        var wider = new List<string>();
        if (OperatingSystem.IsWindows()) return wider;
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (!File.Exists(file) || (File.GetUnixFileMode(file) & ~OwnerFile) == 0) continue;
            try { File.SetUnixFileMode(file, OwnerFile); }
            catch (UnauthorizedAccessException) { wider.Add(file); } // another user's file: readable as it is, said in the log
        }
        return wider;
    }
}
