using System.Runtime.InteropServices;

namespace WawaTrader.Core.Diagnostics;

/// <summary>
/// The C allocator's arena limit, set once at start-up. glibc's <c>malloc</c> gives a thread that finds its arena locked a new one,
/// up to eight per core, and each arena keeps the pages freed into it. The app's native allocations (SQLite's page caches and
/// statements above all) come from whichever thread-pool thread runs a query, so they spread over every arena. Measured with the
/// soak (500 symbols, one bar a second, 2 cores): 17 arenas held 84 MB at minute 2 and 98 MB at minute 6 and kept growing; with two
/// arenas they held 30 MB from minute 3 on, with the same cycle times. <c>MALLOC_ARENA_MAX</c>, glibc's own variable, still decides
/// when it is set.
/// </summary>
public static partial class GlibcMalloc
{
    /// <summary>Arenas the app allows: one for the main thread's heap, one shared by the others.</summary>
    public const int DefaultArenas = 2;

    private const int ArenaMaxParameter = -8; // M_ARENA_MAX in glibc's malloc.h

    /// <summary>Limits glibc's arenas to <paramref name="arenas"/> unless <c>MALLOC_ARENA_MAX</c> is set. True when the limit was
    /// set; false off Linux, on a C library without <c>mallopt</c> or that refuses the parameter (musl), or when the variable decides.
    /// Arenas that already exist stay: call it before the host starts its threads.</summary>
    public static bool LimitArenas(int arenas = DefaultArenas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arenas, 1);
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return false;
        try
        {
            return MallOpt(ArenaMaxParameter, arenas) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Gives the pages of free memory in every arena back to the system (<c>malloc_trim(0)</c>): an arena returns only the
    /// free space at its top by itself, so memory SQLite and the runtime freed in the middle stays resident. True when some was given
    /// back; false when none was, or off glibc.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
