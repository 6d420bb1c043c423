using System.Globalization;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Components.Backtests;

/// <summary>A heatmap's cells: <see cref="Values"/>[row][column], null where no run has a value; rows are y, columns x.</summary>
public sealed record HeatmapMatrix(IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, double?[][] Values)
{
    /// <summary>Every value multiplied by <paramref name="factor"/> (fractions to percent: 100).</summary>
    public HeatmapMatrix Scaled(double factor) =>
        this with { Values = [.. Values.Select(row => row.Select(v => v * factor).ToArray())] };
}

/// <summary>Shapes an optimisation's runs into the two-parameter heatmap the Backtests page draws.</summary>
public static class OptimizationHeatmap
{
    /// <summary>
    /// The matrix of <paramref name="metric"/> over <paramref name="xKey"/> (columns) and <paramref name="yKey"/> (rows). When the
    /// runs vary other parameters too, a cell holds the best value among the runs with that x and y (highest, or lowest for
    /// <see cref="Optimizer.LowerIsBetter"/> metrics). Runs without either key or with an undefined (null, NaN) metric add
    /// nothing; a cell no run reaches is null. Axis values are <paramref name="xValues"/>/<paramref name="yValues"/> when given
    /// (the grid's order), else those the runs have, numerically sorted when all are numbers, else ordinally.
    /// </summary>
    public static HeatmapMatrix Build(
        IReadOnlyList<OptimizationRun> runs, string xKey, string yKey, string metric,
        IReadOnlyList<string>? xValues = null, IReadOnlyList<string>? yValues = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(xKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(yKey);
        if (string.Equals(xKey, yKey, StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("Choose two different parameters.", nameof(yKey));
        var lowerIsBetter = Optimizer.LowerIsBetter(metric);
        var columns = xValues ?? Axis(runs, xKey);
        var rows = yValues ?? Axis(runs, yKey);
        var columnOf = Index(columns);
        var rowOf = Index(rows);
        var values = rows.Select(_ => new double?[columns.Count]).ToArray();
        foreach (var run in runs)
        {
            if (!TryGet(run.Parameters, xKey, out var x) || !TryGet(run.Parameters, yKey, out var y)) continue;
            if (!columnOf.TryGetValue(x, out var c) || !rowOf.TryGetValue(y, out var r)) continue;
            if (Optimizer.Value(run.Metrics, metric) is not { } value || double.IsNaN(value)) continue;
            var current = values[r][c];
            if (current is null || (lowerIsBetter ? value < current : value > current)) values[r][c] = value;
        }
        return new HeatmapMatrix(rows, columns, values);
    }

    private static List<string> Axis(IReadOnlyList<OptimizationRun> runs, string key)
    {
        var seen = runs.Select(r => TryGet(r.Parameters, key, out var v) ? v : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var numbers = seen.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null).ToList();
        return numbers.All(n => n is not null)
            ? [.. seen.Zip(numbers).OrderBy(p => p.Second).Select(p => p.First)]
            : [.. seen.Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++) index.TryAdd(values[i], i);
        return index;
    }

    private static bool TryGet(IReadOnlyDictionary<string, string> parameters, string key, out string value)
    {
        if (parameters.TryGetValue(key, out value!)) return true;
        foreach (var (k, v) in parameters)
        {
            if (!string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) continue;
            value = v;
            return true;
        }
        return false;
    }
}
