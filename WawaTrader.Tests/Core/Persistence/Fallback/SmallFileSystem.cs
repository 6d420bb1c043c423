using System.Diagnostics;

namespace WawaTrader.Tests.Core.Persistence.Fallback;

/// <summary>
/// A real, small file system of its own (tmpfs of a given size, mounted in a temp folder) that a test can fill up or remount
/// read-only; unmounted on dispose. <see cref="TryCreate"/> returns null where the machine does not allow mounting (not root,
/// not Linux): the tests that need one say so and do nothing else.
/// </summary>
internal sealed class SmallFileSystem : IDisposable
{
    private SmallFileSystem(string folder) => Folder = folder;

    public string Folder { get; }

    public static SmallFileSystem? TryCreate(int megabytes)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var folder = Directory.CreateTempSubdirectory("wawatrader-fs-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", folder)) return new SmallFileSystem(folder);
        Directory.Delete(folder);
        return null;
    }

    /// <summary>Writes a filler file until the file system is full; returns its path.</summary>
    public string Fill()
    {
        var filler = Path.Combine(Folder, "filler.bin");
        var block = new byte[64 * 1024];
        using var stream = new FileStream(filler, FileMode.Create);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // full
        }
        try { stream.Flush(); }
        catch (IOException) { /* whatever did not fit */ }
        return filler;
    }

    /// <summary>Remounts read-only or read-write (pooled SQLite connections are closed first: a file open for writing keeps
    /// a file system from turning read-only).</summary>
    public void ReadOnly(bool readOnly)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!Run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Folder)) throw new InvalidOperationException($"Cannot remount {Folder}");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Folder);
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* unmounted lazily: removed by the OS later */ }
    }

    private static bool Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
