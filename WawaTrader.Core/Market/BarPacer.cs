namespace WawaTrader.Core.Market;

/// <summary>
/// Wall-clock pacing shared by the simulated and the replayed market: counts how many live bars have closed since the
/// start, one per <c>barSeconds</c> of wall time. Counted in whole ticks so 3 × BarSeconds is exactly 3 bars.
/// </summary>
internal sealed class BarPacer
{
    private readonly TimeProvider _time;
    private readonly long _barTicks;

    public BarPacer(TimeProvider time, double barSeconds)
    {
        _time = time;
        _barTicks = Math.Max(1, (long)Math.Round(barSeconds * TimeSpan.TicksPerSecond));
        StartWallTime = time.GetUtcNow();
    }

    /// <summary>Wall time at which pacing started (the moment the market was created).</summary>
    public DateTimeOffset StartWallTime { get; }

    /// <summary>Live bars closed so far (0 until one full bar period has passed).</summary>
    public int ClosedLiveBars()
    {
        var elapsedTicks = (_time.GetUtcNow() - StartWallTime).Ticks;
        return elapsedTicks <= 0 ? 0 : (int)Math.Min(elapsedTicks / _barTicks, int.MaxValue / 2);
    }
}
