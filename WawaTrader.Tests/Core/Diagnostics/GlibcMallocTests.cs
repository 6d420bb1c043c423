using System.Runtime.InteropServices;
using WawaTrader.Core.Diagnostics;

namespace WawaTrader.Tests.Core.Diagnostics;

/// <summary>The arena limit is set through glibc's <c>mallopt</c> (this machine's C library), refused for a nonsensical count, and left
/// to <c>MALLOC_ARENA_MAX</c> when the user set it. Its effect on memory is measured by the soak, not here.</summary>
public sealed class GlibcMallocTests
{
    [Fact]
    public void On_glibc_the_limit_is_set_unless_MALLOC_ARENA_MAX_decides()
    {
        Assert.True(OperatingSystem.IsLinux(), "the tests run on Debian");
        var before = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX");
        try
        {
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", null);
            Assert.True(GlibcMalloc.LimitArenas(GlibcMalloc.DefaultArenas));

            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", "4");
            Assert.False(GlibcMalloc.LimitArenas(GlibcMalloc.DefaultArenas));
        }
        finally
        {
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", before);
        }
    }

    [Fact]
    public void A_trim_gives_back_memory_freed_between_live_blocks()
    {
        // 64 MB in 16 KB blocks (below the mmap threshold, so they come from an arena), written so they are resident; then every
        // other block is freed. The freed blocks sit between live ones, so they cannot join the arena's top and shrink it: their
        // pages stay resident until a trim hands the whole pages inside them back (about 12 KB of each 16 KB block).
        const int blocks = 4096, size = 16 * 1024;
        var pattern = new byte[size];
        Array.Fill(pattern, (byte)0x5A);
        var held = new IntPtr[blocks];
        for (var i = 0; i < blocks; i++)
        {
            held[i] = Marshal.AllocHGlobal(size); // malloc on Linux
            Marshal.Copy(pattern, 0, held[i], size);
        }
        try
        {
            for (var i = 0; i < blocks; i += 2)
            {
                Marshal.FreeHGlobal(held[i]);
                held[i] = IntPtr.Zero;
            }
            var before = ResidentBytes();
            Assert.True(GlibcMalloc.Trim());
            var after = ResidentBytes();

            Assert.True(before - after > 16L * 1024 * 1024, $"resident {before / 1048576} MB → {after / 1048576} MB after the trim");
        }
        finally
        {
            foreach (var block in held)
                if (block != IntPtr.Zero) Marshal.FreeHGlobal(block);
        }
    }

    private static long ResidentBytes() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..]
            .Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    [Fact]
    public void A_count_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GlibcMalloc.LimitArenas(0));
}

/// <summary>The app's runtime configuration keeps the GC choices the soak measured (README, Development): workstation GC, concurrent,
/// in its memory-conserving mode 7.</summary>
public sealed class WebRuntimeConfigTests
{
    [Fact]
    public void The_app_runs_workstation_GC_conserving_memory_at_7()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WawaTrader.Web.runtimeconfig.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
