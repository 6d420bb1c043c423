using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Diagnostics;

namespace WawaTrader.Tests.Core.Diagnostics;

/// <summary>The trimmer trims once per <see cref="NativeMemoryTrimmer.Interval"/> of the clock it is given, not before, and stops
/// with the host.</summary>
public sealed class NativeMemoryTrimmerTests
{
    [Fact]
    public async Task It_trims_once_an_interval_and_stops_with_the_host()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var trimmer = new NativeMemoryTrimmer(time);
        await trimmer.StartAsync(CancellationToken.None);

        time.Advance(NativeMemoryTrimmer.Interval - TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.Equal(0, trimmer.Trims);

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => trimmer.Trims == 1);
        time.Advance(NativeMemoryTrimmer.Interval);
        await WaitForAsync(() => trimmer.Trims == 2);

        await trimmer.StopAsync(CancellationToken.None);
        Assert.True(trimmer.ExecuteTask!.IsCompletedSuccessfully);
        time.Advance(NativeMemoryTrimmer.Interval);
        await Task.Delay(100);
        Assert.Equal(2, trimmer.Trims);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "the trimmer did not trim within 10 s of the interval passing");
            await Task.Delay(10);
        }
    }
}
