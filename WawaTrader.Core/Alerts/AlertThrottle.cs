namespace WawaTrader.Core.Alerts;

/// <summary>
/// Deduplication and storm grouping, as a pure function of the alerts and their times (wall time, UTC). The same
/// <see cref="Alert.ConditionKey"/> passes once per dedup period. Per type, the first alert of a window passes; the next ones
/// of that window are held and counted, and <see cref="Flush"/> at the window's end turns them into one grouped alert
/// (<see cref="AlertType.Test"/> and <see cref="AlertType.DailySummary"/> are never held). Not thread-safe: the caller locks.
/// </summary>
internal sealed class AlertThrottle
{
    /// <summary>Examples (summaries) a grouped alert lists.</summary>
    public const int MaxExamples = 5;

    private readonly Dictionary<string, DateTime> _lastByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<AlertType, Window> _windows = [];

    /// <summary>Whether <paramref name="alert"/> is sent now, held for its group, or dropped as a duplicate. For the first held
    /// alert of a window, <paramref name="flushAt"/> is when <see cref="Flush"/> is due.</summary>
    public Admission Admit(Alert alert, TimeSpan dedup, TimeSpan window, out DateTime? flushAt)
    {
        flushAt = null;
        var now = alert.Time;
        if (alert.ConditionKey is { } key)
        {
            if (_lastByKey.TryGetValue(key, out var last) && now - last < dedup) return Admission.Duplicate;
            _lastByKey[key] = now;
            if (_lastByKey.Count > 4096) Prune(now, dedup);
        }
        if (alert.Type is AlertType.Test or AlertType.DailySummary) return Admission.Send;
        if (!_windows.TryGetValue(alert.Type, out var w) || now >= w.Start + window)
        {
            _windows[alert.Type] = new Window(now);
            return Admission.Send;
        }
        w.Hold(alert);
        if (w.Count == 1) flushAt = w.Start + window;
        return Admission.Held;
    }

    /// <summary>The grouped alert for the held alerts of <paramref name="type"/> (and the window closed), or null when none are held.</summary>
    public (Alert Alert, int Count)? Flush(AlertType type, TimeSpan window, DateTime now)
    {
        if (!_windows.Remove(type, out var w) || w.Last is not { } last) return null;
        var examples = w.Summaries.OrderByDescending(s => s.Value).Take(MaxExamples)
            .Select(s => s.Value == 1 ? s.Key : $"{s.Key} (×{s.Value})").ToList();
        var span = FormatSpan(window);
        var count = w.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = $"{count} more {AlertTypes.Title(type)} alerts within {span} of the first were grouped into this one. Latest: {last.Body}";
        AlertField[] fields = [new("Count", count), new("Window", span), .. examples.Select((e, i) => new AlertField($"Example {i + 1}", e))];
        return (new Alert(type, w.Severity, $"{count} more in {span}", body, fields, now), w.Count);
    }

    private void Prune(DateTime now, TimeSpan dedup)
    {
        foreach (var (key, last) in _lastByKey.ToList())
            if (now - last >= dedup) _lastByKey.Remove(key);
    }

    private static string FormatSpan(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";

    /// <summary>One type's window: its start, and what it holds (a count, the latest alert, the most frequent summaries, the highest severity).</summary>
    private sealed class Window(DateTime start)
    {
        private const int MaxDistinctSummaries = 100;

        public DateTime Start { get; } = start;
        public int Count { get; private set; }
        public Alert? Last { get; private set; }
        public AlertSeverity Severity { get; private set; }
        public Dictionary<string, int> Summaries { get; } = new(StringComparer.Ordinal);

        public void Hold(Alert alert)
        {
            Count++;
            Last = alert;
            if (alert.Severity > Severity) Severity = alert.Severity;
            if (Summaries.TryGetValue(alert.Summary, out var n)) Summaries[alert.Summary] = n + 1;
            else if (Summaries.Count < MaxDistinctSummaries) Summaries[alert.Summary] = 1;
        }
    }
}

/// <summary>What <see cref="AlertThrottle.Admit"/> decided.</summary>
internal enum Admission { Send, Held, Duplicate }
