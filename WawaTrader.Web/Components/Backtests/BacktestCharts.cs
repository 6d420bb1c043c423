using WawaTrader.Core.Backtesting;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Backtests;

/// <summary>One cell of the monthly-returns heatmap: the month's return in percent (close of its last bar over the previous month's).</summary>
public sealed record MonthlyReturn(int Year, int Month, double Percent);

/// <summary>Series the backtest page draws from a result's equity curve.</summary>
public static class BacktestCharts
{
    public static IReadOnlyList<ChartPoint> Points(IReadOnlyList<EquityPoint> equity) => [.. equity.Select(p => new ChartPoint(p.Date, p.Value))];

    /// <summary>Drawdown at each point in percent, ≤ 0: value / running peak − 1.</summary>
    public static IReadOnlyList<ChartPoint> Drawdown(IReadOnlyList<EquityPoint> equity)
    {
        var points = new List<ChartPoint>(equity.Count);
        var peak = 0m;
        foreach (var p in equity)
        {
            peak = Math.Max(peak, p.Value);
            points.Add(new ChartPoint(p.Date, peak > 0 ? Math.Round((p.Value / peak - 1) * 100, 4) : 0));
        }
        return points;
    }

    /// <summary>Each calendar month's return in percent; the first month is measured from the first point.</summary>
    public static IReadOnlyList<MonthlyReturn> Monthly(IReadOnlyList<EquityPoint> equity)
    {
        var months = new List<MonthlyReturn>();
        if (equity.Count == 0) return months;
        var start = equity[0].Value;
        for (var i = 0; i < equity.Count; i++)
        {
            var last = i == equity.Count - 1 || equity[i + 1].Date.Month != equity[i].Date.Month || equity[i + 1].Date.Year != equity[i].Date.Year;
            if (!last) continue;
            var end = equity[i].Value;
            months.Add(new MonthlyReturn(equity[i].Date.Year, equity[i].Date.Month, start > 0 ? (double)(end / start - 1) * 100 : 0));
            start = end;
        }
        return months;
    }
}
