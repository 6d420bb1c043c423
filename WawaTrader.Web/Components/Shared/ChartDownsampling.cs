namespace WawaTrader.Web.Components.Shared;

/// <summary>
/// A long series made small enough to draw without losing what a reader looks for: the first and last points, the true
/// highest and lowest, every point at a time the caller must keep (a trade), both ends of every gap, and the lowest and the
/// highest point of each of the equal slices the rest is cut into (min/max per pixel column). <see cref="Breaks"/> lists the
/// points after which the series has no bars for a while (separate histories): the chart ends the line there instead of
/// bridging the gap.
/// </summary>
/// <param name="Points">What to draw, oldest first: the source itself when it fits.</param>
/// <param name="SourceCount">How many points the source had.</param>
/// <param name="Breaks">Times of the points followed by a gap (the line is not drawn from them to the next point).</param>
public sealed record ChartDownsampling(IReadOnlyList<ChartPoint> Points, int SourceCount, IReadOnlySet<DateTime> Breaks)
{
    /// <summary>Points drawn at most when nothing forced exceeds it: about one per pixel column of a wide chart, two per slice.</summary>
    public const int DefaultTarget = 1200;

    /// <summary>A gap is an interval longer than this many times the series' median interval (10 daily bars, so a holiday
    /// weekend or a week's market closure is not one, two years without a bar are).</summary>
    public const int GapFactor = 10;

    /// <summary>True when points were left out.</summary>
    public bool IsDownsampled => Points.Count < SourceCount;

    /// <summary>
    /// Downsamples <paramref name="source"/> (oldest first) to at most <paramref name="target"/> points, keeping the points at
    /// <paramref name="keep"/> times; only when the forced points alone exceed the target are more returned (all of them).
    /// </summary>
    public static ChartDownsampling Of(IReadOnlyList<ChartPoint> source, int target = DefaultTarget, IReadOnlyCollection<DateTime>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 2);
        var n = source.Count;
        var breaks = Gaps(source);
        if (n <= target) return new ChartDownsampling(source, n, breaks);

        var kept = new bool[n];
        var keepTimes = keep is null ? null : keep as IReadOnlySet<DateTime> ?? keep.ToHashSet();
        int lowest = 0, highest = 0;
        for (var i = 0; i < n; i++)
        {
            var value = source[i].Value;
            if (value < source[lowest].Value) lowest = i;
            if (value > source[highest].Value) highest = i;
            if (keepTimes is not null && keepTimes.Contains(source[i].Time)) kept[i] = true;
            if (i + 1 < n && breaks.Contains(source[i].Time)) kept[i] = kept[i + 1] = true;
        }
        kept[0] = kept[n - 1] = kept[lowest] = kept[highest] = true;
        var forced = kept.Count(k => k);

        // The rest of the budget goes to slices of equal length, each contributing its lowest and its highest point.
        var slices = (target - forced) / 2;
        if (slices > 0)
        {
            for (var s = 0; s < slices; s++)
            {
                var start = (int)((long)n * s / slices);
                var end = (int)((long)n * (s + 1) / slices);
                int low = start, high = start;
                for (var i = start + 1; i < end; i++)
                {
                    if (source[i].Value < source[low].Value) low = i;
                    if (source[i].Value > source[high].Value) high = i;
                }
                kept[low] = kept[high] = true;
            }
        }

        var points = new List<ChartPoint>(Math.Min(n, target));
        for (var i = 0; i < n; i++)
            if (kept[i]) points.Add(source[i]);
        return new ChartDownsampling(points, n, breaks);
    }

    /// <summary>Times of the points followed by an interval longer than <see cref="GapFactor"/> × the median interval.</summary>
    public static IReadOnlySet<DateTime> Gaps(IReadOnlyList<ChartPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var breaks = new HashSet<DateTime>();
        if (points.Count < 3) return breaks;
        var intervals = new long[points.Count - 1];
        for (var i = 1; i < points.Count; i++) intervals[i - 1] = (points[i].Time - points[i - 1].Time).Ticks;
        var sorted = (long[])intervals.Clone();
        Array.Sort(sorted);
        var median = sorted[sorted.Length / 2];
        if (median <= 0) return breaks;
        for (var i = 0; i < intervals.Length; i++)
            if (intervals[i] > median * GapFactor) breaks.Add(points[i].Time);
        return breaks;
    }
}
