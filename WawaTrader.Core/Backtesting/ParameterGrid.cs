namespace WawaTrader.Core.Backtesting;

/// <summary>
/// A grid of parameter values from specs like <c>fast=5,10,20</c> (one key per spec, values comma-separated, kept as text);
/// <see cref="Combinations"/> is their cartesian product, the last key varying fastest. A key given twice is an error.
/// </summary>
public sealed class ParameterGrid
{
    private readonly (string Key, string[] Values)[] _axes;

    private ParameterGrid((string, string[])[] axes) => _axes = axes;

    /// <summary>The keys and their values, in the order given.</summary>
    public IReadOnlyList<(string Key, string[] Values)> Axes => _axes;

    /// <summary>Number of combinations (1 for an empty grid: the base parameters alone).</summary>
    public long Count => _axes.Aggregate(1L, (n, a) => n * a.Values.Length);

    /// <summary>Parses <paramref name="specs"/>; throws <see cref="FormatException"/> naming the bad spec.</summary>
    public static ParameterGrid Parse(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var axes = new List<(string, string[])>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? spec[..eq].Trim() : "";
            var values = eq > 0 ? spec[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            if (key.Length == 0 || values.Length == 0) throw new FormatException($"Grid spec '{spec}' must look like key=a,b,c.");
            if (!seen.Add(key)) throw new FormatException($"Grid key '{key}' is given twice.");
            axes.Add((key, values.Distinct(StringComparer.Ordinal).ToArray()));
        }
        return new ParameterGrid(axes.ToArray());
    }

    /// <summary>Every combination merged over <paramref name="baseParameters"/> (grid values win).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Combinations(IReadOnlyDictionary<string, string>? baseParameters = null)
    {
        var result = new List<IReadOnlyDictionary<string, string>>(checked((int)Count));
        var index = new int[_axes.Length];
        while (true)
        {
            var p = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (baseParameters is not null) foreach (var (k, v) in baseParameters) p[k] = v;
            for (var a = 0; a < _axes.Length; a++) p[_axes[a].Key] = _axes[a].Values[index[a]];
            result.Add(p);
            var axis = _axes.Length - 1;
            while (axis >= 0 && ++index[axis] == _axes[axis].Values.Length) index[axis--] = 0;
            if (axis < 0) return result;
        }
    }
}
