using System.Runtime.InteropServices;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// Computes <see cref="BacktestMetrics"/> from an equity curve and its fills, the standard way. Pure.
/// <list type="bullet">
/// <item>Per-bar returns are simple: rᵢ = Vᵢ / Vᵢ₋₁ − 1 (the first point has none).</item>
/// <item>Total return = V_last / V_first − 1; CAGR = (V_last / V_first)^(1/years) − 1 with years = calendar days from the first
/// to the last point ÷ 365.25 (null when that span is zero or the end value is not positive).</item>
/// <item>Volatility = sample standard deviation (n − 1) of rᵢ × √barsPerYear (null with fewer than two returns).</item>
/// <item>Sharpe = (mean rᵢ − rf) / sample std × √barsPerYear, rf per bar = (1 + rate/100)^(1/barsPerYear) − 1 (null when σ = 0).</item>
/// <item>Sortino = (mean rᵢ − rf) / DD × √barsPerYear with the downside deviation DD = √(mean over all bars of min(0, rᵢ − rf)²)
/// (target = rf; bars above it count as zero; null when DD = 0).</item>
/// <item>Max drawdown = max over points of 1 − V / running peak (a positive fraction); its duration is the calendar days from that
/// drawdown's peak to the first point back at or above the peak, or to the last point when never recovered.</item>
/// <item>Calmar = CAGR / max drawdown (null when there is no drawdown).</item>
/// <item>Round trips: fills paired FIFO per symbol (a sell beyond a long opens a short and vice versa); each fill's fee is split
/// in proportion to shares. Net P&amp;L includes both fees. Win rate = winners / closed round trips; profit factor = gross net
/// wins / |gross net losses| (null when there is no losing trip); average win / average loss = mean return of winning / losing
/// trips as a fraction of the entry cost (the loss is negative).</item>
/// <item>Trade count = number of fills. Exposure = share of equity points at whose date (after that date's fills) any position
/// is open. Turnover = Σ shares × price of all fills ÷ mean equity.</item>
/// </list>
/// </summary>
public static class PerformanceMetrics
{
    /// <summary>Daily bars per year, the usual annualisation factor.</summary>
    public const double TradingDaysPerYear = 252;

    /// <summary>Computes the metrics; <paramref name="equity"/> and <paramref name="trades"/> must be oldest first.</summary>
    /// <param name="barsPerYear">Bars in a year for annualising (252 for daily bars).</param>
    /// <param name="riskFreeRatePct">Yearly risk-free rate in percent (4 means 4%).</param>
    public static BacktestMetrics Compute(IReadOnlyList<EquityPoint> equity, IReadOnlyList<BacktestTrade> trades, double barsPerYear, double riskFreeRatePct)
    {
        ArgumentNullException.ThrowIfNull(equity);
        ArgumentNullException.ThrowIfNull(trades);
        if (!(barsPerYear > 0) || !double.IsFinite(barsPerYear)) throw new ArgumentOutOfRangeException(nameof(barsPerYear), barsPerYear, "Bars per year must be positive.");
        if (!double.IsFinite(riskFreeRatePct) || riskFreeRatePct <= -100) throw new ArgumentOutOfRangeException(nameof(riskFreeRatePct), riskFreeRatePct, "Risk-free rate must be a finite percent above -100.");

        // Read through arrays: the curve is an array already, and each metric walks it once or twice.
        var points = equity as EquityPoint[] ?? [.. equity];
        var values = new double[points.Length];
        for (var i = 0; i < values.Length; i++) values[i] = (double)points[i].Value;

        var (totalReturn, cagr) = Growth(points, values);
        var rf = Math.Pow(1 + riskFreeRatePct / 100, 1 / barsPerYear) - 1;
        var (volatility, sharpe, sortino) = RiskAdjusted(values, barsPerYear, rf);
        var (maxDd, maxDdDays) = Drawdown(points, values);
        double? calmar = cagr is { } c && maxDd > 0 ? c / maxDd : null;
        var trips = RoundTripStats.From(trades);
        return new BacktestMetrics(totalReturn, cagr, volatility, sharpe, sortino, maxDd, maxDdDays, calmar,
            trips.WinRate, trips.ProfitFactor, trips.AverageWin, trips.AverageLoss, trades.Count,
            Exposure(points, trades), Turnover(values, trades));
    }

    private static (double Total, double? Cagr) Growth(EquityPoint[] equity, double[] values)
    {
        if (values.Length == 0 || values[0] <= 0) return (0, null);
        var ratio = values[^1] / values[0];
        var years = (equity[^1].Date - equity[0].Date).TotalDays / 365.25;
        double? cagr = years > 0 && ratio > 0 ? Math.Pow(ratio, 1 / years) - 1 : null;
        return (ratio - 1, cagr);
    }

    private static (double? Volatility, double? Sharpe, double? Sortino) RiskAdjusted(double[] values, double barsPerYear, double rf)
    {
        var n = values.Length - 1;
        if (n < 1) return (null, null, null);
        double sum = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i - 1] <= 0) return (null, null, null);
            sum += values[i] / values[i - 1] - 1;
        }
        var mean = sum / n;
        double sq = 0, down = 0;
        for (var i = 1; i < values.Length; i++)
        {
            var r = values[i] / values[i - 1] - 1;
            sq += (r - mean) * (r - mean);
            var below = Math.Min(0, r - rf);
            down += below * below;
        }
        var annual = Math.Sqrt(barsPerYear);
        var downside = Math.Sqrt(down / n);
        double? sortino = downside > 0 ? (mean - rf) / downside * annual : null;
        if (n < 2) return (null, null, sortino);
        var std = Math.Sqrt(sq / (n - 1));
        double? sharpe = std > 0 ? (mean - rf) / std * annual : null;
        return (std * annual, sharpe, sortino);
    }

    private static (double MaxDrawdown, int Days) Drawdown(EquityPoint[] equity, double[] values)
    {
        if (values.Length == 0) return (0, 0);
        var peak = values[0];
        var peakIndex = 0;
        double maxDd = 0;
        var maxPeakIndex = -1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] >= peak)
            {
                peak = values[i];
                peakIndex = i;
                continue;
            }
            var dd = peak > 0 ? 1 - values[i] / peak : 0;
            if (dd > maxDd)
            {
                maxDd = dd;
                maxPeakIndex = peakIndex;
            }
        }
        if (maxPeakIndex < 0) return (0, 0);
        var end = values.Length - 1;
        for (var i = maxPeakIndex + 1; i < values.Length; i++)
        {
            if (values[i] >= values[maxPeakIndex])
            {
                end = i;
                break;
            }
        }
        return (maxDd, (int)Math.Round((equity[end].Date - equity[maxPeakIndex].Date).TotalDays));
    }

    private static double Exposure(EquityPoint[] equity, IReadOnlyList<BacktestTrade> trades)
    {
        if (equity.Length == 0) return 0;
        var held = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var open = 0;
        var next = 0;
        var barsOpen = 0;
        foreach (var point in equity)
        {
            for (; next < trades.Count && trades[next].Date <= point.Date; next++)
            {
                var t = trades[next];
                ref var shares = ref CollectionsMarshal.GetValueRefOrAddDefault(held, t.Symbol, out _);
                var before = shares;
                shares = before + (t.Side == OrderSide.Buy ? t.Qty : -t.Qty);
                open += (shares != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
            }
            if (open > 0) barsOpen++;
        }
        return (double)barsOpen / equity.Length;
    }

    private static double Turnover(double[] values, IReadOnlyList<BacktestTrade> trades)
    {
        if (values.Length == 0) return 0;
        var mean = values.Average();
        if (mean <= 0) return 0;
        decimal notional = 0;
        foreach (var t in trades) notional += t.Qty * t.Price;
        return (double)notional / mean;
    }
}
