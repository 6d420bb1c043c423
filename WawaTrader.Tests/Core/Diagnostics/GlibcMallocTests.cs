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
