using Microsoft.Extensions.Hosting;

namespace WawaTrader.Core.Diagnostics;

/// <summary>
/// Returns the C allocator's free pages to the system every <see cref="Interval"/> (<see cref="GlibcMalloc.Trim"/>), on Linux. The
/// soak (500 symbols, one bar a second) showed the arenas' resident memory rising by about 3 MB a minute with SQLite's own use flat at
/// about 10 MB: memory freed between live blocks, which an arena does not give back by itself. A trim takes a few milliseconds on a
/// background thread; allocations in the arena it is walking wait for it.
/// </summary>
public sealed class NativeMemoryTrimmer(TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    // Made with the service, so the first interval counts from then and not from when the host gets round to ExecuteAsync.
    private readonly PeriodicTimer _timer = new(Interval, time);
    private int _trims;

    /// <summary>Trims done so far.</summary>
    public int Trims => Volatile.Read(ref _trims);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken))
            {
                GlibcMalloc.Trim();
                Interlocked.Increment(ref _trims);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }
}
