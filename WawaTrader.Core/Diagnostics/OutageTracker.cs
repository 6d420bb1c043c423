namespace WawaTrader.Core.Diagnostics;

/// <summary>What a dependency's caller should log after one call: nothing, that it went down, a periodic summary of the
/// failures since the last line, or that it recovered.</summary>
public enum OutageNotice { None, WentDown, StillDown, Recovered }

/// <summary>The figures behind an <see cref="OutageNotice"/>: failures counted since the last line that was logged
/// (for <see cref="OutageNotice.Recovered"/>: over the whole outage) and how long the dependency has been down.</summary>
public readonly record struct OutageReport(OutageNotice Notice, string Reason, int Failures, TimeSpan Down)
{
    public bool ShouldLog => Notice != OutageNotice.None;
}

/// <summary>
/// Keeps the log of a dependency that keeps failing (a model server that is off, a broker that is unreachable) to three kinds
/// of line: once when it goes down, a summary every <see cref="SummaryEvery"/> with the count of failures meanwhile, and once
/// when it answers again — never a line per attempt. A new reason while down counts as a failure of the same outage; the
/// summary names the latest. Wall time from the injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class OutageTracker(TimeProvider time, TimeSpan summaryEvery)
{
    public static readonly TimeSpan DefaultSummaryEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private bool _down;
    private DateTimeOffset _since;
    private DateTimeOffset _lastLine;
    private int _sinceLastLine;
    private int _total;

    public OutageTracker(TimeProvider time) : this(time, DefaultSummaryEvery)
    {
    }

    public TimeSpan SummaryEvery { get; } = summaryEvery > TimeSpan.Zero
        ? summaryEvery
        : throw new ArgumentOutOfRangeException(nameof(summaryEvery), summaryEvery, "The summary interval must be positive.");

    /// <summary>Whether the last call failed.</summary>
    public bool IsDown
    {
        get { lock (_gate) return _down; }
    }

    /// <summary>Records a failed call; the report says whether (and what) to log.</summary>
    public OutageReport Failed(string reason)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _total++;
            if (!_down)
            {
                (_down, _since, _lastLine, _sinceLastLine, _total) = (true, now, now, 0, 1);
                return new OutageReport(OutageNotice.WentDown, reason, 1, TimeSpan.Zero);
            }
            _sinceLastLine++;
            if (now - _lastLine < SummaryEvery) return new OutageReport(OutageNotice.None, reason, _sinceLastLine, now - _since);
            var report = new OutageReport(OutageNotice.StillDown, reason, _sinceLastLine, now - _since);
            (_lastLine, _sinceLastLine) = (now, 0);
            return report;
        }
    }

    /// <summary>Records a call that succeeded; <see cref="OutageNotice.Recovered"/> with the outage's total when it ends one.</summary>
    public OutageReport Succeeded()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_down) return default;
            _down = false;
            return new OutageReport(OutageNotice.Recovered, "", _total, now - _since);
        }
    }
}
