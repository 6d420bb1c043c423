using System.Globalization;
using System.Text;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// The readable walk-forward report <c>optimize --walk-forward</c> prints: one line per window (train and test dates, the best
/// parameters found in sample, the rank metric in sample and out of sample side by side), then the chained out-of-sample metrics.
/// Invariant culture; dates <c>yyyy-MM-dd</c> (market time).
/// </summary>
public static class WalkForwardSummary
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(WalkForwardResult result, WalkForwardSpec spec, ParameterGrid grid, string metric, BacktestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(settings);
        var keys = grid.Axes.Select(a => a.Key).ToList();
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Walk-forward of {settings.Strategy} on {string.Join(", ", settings.Symbols)}: {result.Windows.Count} windows of "
            + $"{spec.TrainBars} in-sample + {spec.TestBars} out-of-sample bars, {grid.Count} parameter sets, ranked by {metric}");
        text.AppendLine(Invariant, $"{"#",3}  {"train from",-10}  {"train to",-10}  {"test from",-10}  {"test to",-10}  {"best",-24}  {"in-sample",12}  {"out-of-sample",14}");
        for (var i = 0; i < result.Windows.Count; i++)
        {
            var w = result.Windows[i];
            var best = string.Join(" ", keys.Select(k => $"{k}={(w.Best.TryGetValue(k, out var v) ? v : "")}"));
            text.AppendLine(Invariant, $"{i + 1,3}  {w.TrainFrom:yyyy-MM-dd}  {w.TrainTo:yyyy-MM-dd}  {w.TestFrom:yyyy-MM-dd}  {w.TestTo:yyyy-MM-dd}  {best,-24}  "
                + $"{MetricFormat.Format(metric, w.InSample),12}  {MetricFormat.Format(metric, w.OutOfSample),14}");
        }
        text.AppendLine();
        var equity = result.OutOfSampleEquity;
        text.Append("Out of sample, chained");
        if (equity.Count > 0) text.Append(Invariant, $" ({equity[0].Date:yyyy-MM-dd} to {equity[^1].Date:yyyy-MM-dd}, {equity.Count} bars)");
        text.AppendLine();
        // Trade statistics are per window (the chained curve has no trades of its own): the first eight rows are the curve's.
        foreach (var (label, value, _) in BacktestSummary.Rows(result.OutOfSample, result.OutOfSample).Take(8))
            text.AppendLine(Invariant, $"{label,-20}{value,14}");
        if (equity.Count > 0) text.AppendLine(Invariant, $"{"Final equity",-20}{equity[^1].Value.ToString("N2", Invariant),14}");
        return text.ToString();
    }
}
