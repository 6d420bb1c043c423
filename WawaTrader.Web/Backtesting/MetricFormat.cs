using System.Globalization;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>How a metric named as in <see cref="Optimizer.Metrics"/> is shown: fractions as percents, counts whole, ratios with two decimals.</summary>
public static class MetricFormat
{
    private static readonly HashSet<string> Fractions = new(["totalReturn", "cagr", "volatility", "maxDrawdown", "winRate", "exposure"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Counts = new(["tradeCount", "maxDrawdownDays"], StringComparer.OrdinalIgnoreCase);

    /// <summary>True for metrics that are fractions (shown ×100 with <c>%</c>).</summary>
    public static bool IsFraction(string metric) => Fractions.Contains(metric);

    /// <summary>The value as text: <c>12.34%</c>, <c>17</c> or <c>1.25</c>; <c>—</c> when undefined.</summary>
    public static string Format(string metric, double? value) =>
        IsFraction(metric) ? BacktestSummary.Pct(value)
        : Counts.Contains(metric) ? (value is { } v && double.IsFinite(v) ? v.ToString("0", CultureInfo.InvariantCulture) : "—")
        : BacktestSummary.Ratio(value);

    /// <summary>The metric's value in <paramref name="metrics"/>, formatted.</summary>
    public static string Format(string metric, BacktestMetrics metrics) => Format(metric, Optimizer.Value(metrics, metric));
}
