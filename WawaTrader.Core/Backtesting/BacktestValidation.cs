using System.Globalization;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Backtesting;

/// <summary>Checks a <see cref="BacktestRequest"/> and cuts its series to the requested dates; every problem is an <see cref="ArgumentException"/> naming it.</summary>
internal static class BacktestValidation
{
    public static List<BacktestSeries> Prepare(BacktestRequest request)
    {
        if (request.Series is null || request.Series.Count == 0) throw new ArgumentException("A backtest needs at least one series.", nameof(request));
        if (request.InitialCash is <= 0m or > 1_000_000_000_000m) throw new ArgumentException($"Initial cash must be above 0 and at most 1e12; {request.InitialCash} is not.", nameof(request));
        var c = request.Costs ?? throw new ArgumentException("Costs are required.", nameof(request));
        if (c.CommissionPerShare is < 0m or > 1_000m) throw new ArgumentException($"Commission per share must be from 0 to 1000; {c.CommissionPerShare} is not.", nameof(request));
        if (c.CommissionPct is < 0m or > 10m) throw new ArgumentException($"Commission percent must be from 0 to 10; {c.CommissionPct} is not.", nameof(request));
        if (c.MinCommission is < 0m or > 1_000m) throw new ArgumentException($"Minimum commission must be from 0 to 1000; {c.MinCommission} is not.", nameof(request));
        if (c.SlippageBps is < 0m or > 10_000m) throw new ArgumentException($"Slippage must be from 0 to 10000 basis points; {c.SlippageBps} is not.", nameof(request));
        if (!double.IsFinite(request.RiskFreeRatePct) || request.RiskFreeRatePct is < 0 or > 100) throw new ArgumentException($"The risk-free rate must be a percent from 0 to 100; {request.RiskFreeRatePct} is not.", nameof(request));
        if (request.From is { } f && request.To is { } t && t < f) throw new ArgumentException($"The end date {t:O} is before the start date {f:O}.", nameof(request));

        var prepared = new List<BacktestSeries>(request.Series.Count);
        var symbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var series in request.Series)
        {
            if (series is null || string.IsNullOrWhiteSpace(series.Symbol)) throw new ArgumentException("Every series needs a symbol.", nameof(request));
            if (!symbols.Add(series.Symbol)) throw new ArgumentException($"Symbol {series.Symbol} has two series.", nameof(request));
            var bars = series.Bars ?? throw new ArgumentException($"Series {series.Symbol} has no bars.", nameof(request));
            for (var i = 0; i < bars.Length; i++)
            {
                if (IsAcceptable(bars[i]) && (i == 0 || bars[i].Time > bars[i - 1].Time)) continue; // the common case, one pass of compares
                var problem = BarSeriesValidator.DescribeProblem(bars[i])
                    ?? (bars[i] is { Open: > 0, High: > 0, Low: > 0, Close: > 0 } ? null : "a price is not positive")
                    ?? (i > 0 ? BarSeriesValidator.DescribeOrderProblem(bars[i - 1].Time, bars[i].Time) : null);
                if (problem is not null)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Series {series.Symbol}, bar {i} ({bars[i].Time:yyyy-MM-ddTHH:mm:ss}): {problem}."), nameof(request), new InvalidBarSeriesException(i, problem));
            }
            prepared.Add(new BacktestSeries(series.Symbol, Cut(bars, request.From, request.To)));
        }
        if (prepared.TrueForAll(s => s.Bars.Length == 0)) throw new ArgumentException("No series has a bar between the start and end dates.", nameof(request));
        return prepared;
    }

    /// <summary>What <see cref="BarSeriesValidator.IsAcceptable"/> accepts, with every price positive as well: only a bar
    /// failing this is described (and refused).</summary>
    private static bool IsAcceptable(in Bar bar) =>
        BarSeriesValidator.IsAcceptable(bar) && bar.Open > 0 && bar.High > 0 && bar.Low > 0 && bar.Close > 0;

    private static Bar[] Cut(Bar[] bars, DateTime? from, DateTime? to)
    {
        if (from is null && to is null) return bars;
        var start = 0;
        while (start < bars.Length && from is { } f && bars[start].Time < f) start++;
        var end = bars.Length;
        while (end > start && to is { } t && bars[end - 1].Time > t) end--;
        return bars[start..end];
    }
}
