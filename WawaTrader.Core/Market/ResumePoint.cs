namespace WawaTrader.Core.Market;

/// <summary>
/// Where a market resumes after a restart: the last bar recorded of each symbol (market time, UTC, and close), as the
/// database holds it. A simulated or replayed market continues after these bars instead of starting its path again, so the
/// paper broker, the indicators and the day's counters see one continuous market with only a gap in wall time.
/// </summary>
public sealed record ResumePoint(IReadOnlyDictionary<string, RecordedBar> LastBars)
{
    /// <summary>Nothing recorded: a market starts fresh.</summary>
    public static ResumePoint None { get; } = new(new Dictionary<string, RecordedBar>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The latest recorded bar time of any symbol (market time, UTC), or null when nothing is recorded.</summary>
    public DateTime? LastBarTime => LastBars.Count == 0 ? null : LastBars.Values.Max(b => b.Time);

    /// <summary>The last recorded bar of <paramref name="symbol"/> (case ignored), or null.</summary>
    public RecordedBar? Of(string symbol)
    {
        if (LastBars.TryGetValue(symbol, out var exact)) return exact;
        foreach (var (key, bar) in LastBars)
            if (string.Equals(key, symbol, StringComparison.OrdinalIgnoreCase)) return bar;
        return null;
    }
}

/// <summary>A bar as it was recorded: its market time (UTC, the bar's open time) and close (instrument currency).</summary>
public readonly record struct RecordedBar(DateTime Time, double Close);

/// <summary>Reads the <see cref="ResumePoint"/> from what was recorded (an edge: the database in the app).</summary>
public interface IResumePointSource
{
    Task<ResumePoint> LoadAsync(CancellationToken cancellationToken);
}
