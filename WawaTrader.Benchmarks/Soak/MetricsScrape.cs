using System.Globalization;

namespace WawaTrader.Benchmarks.Soak;

/// <summary>One read of the app's Prometheus text at <c>/metrics</c>: every sample as (name, labels, value).</summary>
public sealed class MetricsScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    public static MetricsScrape Parse(string text)
    {
        var scrape = new MetricsScrape();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            if (space < 0) continue;
            // A sample may end with a timestamp: "name{labels} value timestamp".
            var parts = line[(brace >= 0 ? line.IndexOf('}', StringComparison.Ordinal) + 1 : line.IndexOf(' ', StringComparison.Ordinal))..].Trim().Split(' ');
            if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var name = brace >= 0 ? line[..brace] : line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var labels = brace >= 0 ? line[(brace + 1)..line.IndexOf('}', StringComparison.Ordinal)] : "";
            scrape._samples.Add((name, labels, value));
        }
        return scrape;
    }

    /// <summary>The sum of every sample whose name starts with <paramref name="prefix"/> and ends with <paramref name="suffix"/>
    /// and whose labels contain <paramref name="label"/>; null when there is none.</summary>
    public double? Sum(string prefix, string suffix = "", string label = "")
    {
        var found = _samples.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal) && s.Name.EndsWith(suffix, StringComparison.Ordinal)
            && s.Labels.Contains(label, StringComparison.Ordinal)).ToList();
        return found.Count == 0 ? null : found.Sum(s => s.Value);
    }

    /// <summary>The cumulative buckets (upper bound → count) of a histogram's series whose labels contain <paramref name="label"/>.</summary>
    public SortedDictionary<double, double> Buckets(string prefix, string label)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var (name, labels, value) in _samples)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith("_bucket", StringComparison.Ordinal)
                || !labels.Contains(label, StringComparison.Ordinal)) continue;
            var le = labels.Split(',').Select(l => l.Trim()).First(l => l.StartsWith("le=", StringComparison.Ordinal))[3..].Trim('"');
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + value;
        }
        return buckets;
    }

    /// <summary>A quantile of the observations between two reads of a cumulative histogram (<paramref name="before"/> may be empty),
    /// interpolated linearly inside its bucket as Prometheus' <c>histogram_quantile</c> does; NaN when nothing was observed.</summary>
    public static double Quantile(SortedDictionary<double, double> before, SortedDictionary<double, double> after, double q)
    {
        var bounds = after.Keys.ToList();
        var counts = bounds.Select(b => after[b] - before.GetValueOrDefault(b)).ToList();
        var total = counts.Count == 0 ? 0 : counts[^1];
        if (total <= 0) return double.NaN;
        var rank = q * total;
        for (var i = 0; i < bounds.Count; i++)
        {
            if (counts[i] < rank) continue;
            var lower = i == 0 ? 0 : bounds[i - 1];
            var below = i == 0 ? 0 : counts[i - 1];
            if (double.IsPositiveInfinity(bounds[i])) return lower;
            var inBucket = counts[i] - below;
            return inBucket <= 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
        }
        return bounds[^1];
    }
}
