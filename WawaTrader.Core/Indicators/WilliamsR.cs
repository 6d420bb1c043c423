namespace WawaTrader.Core.Indicators;

/// <summary>Williams %R, as TA-Lib's TA_WILLR (default period 14).</summary>
public static class WilliamsR
{
    /// <summary>%R = −100·(highest high − close)/(highest high − lowest low) over the last <paramref name="period"/> bars
    /// including the current one: from −100 (close at the low) to 0 (close at the high); 0 when the range is 0 (TA-Lib's
    /// guard). First value at index period − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">period below 1 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or a high below its low (the
    /// message names the index).</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        IndicatorMath.RequirePeriod(period, close.Length, nameof(period));
        IndicatorMath.RequireOutput(close, output, nameof(output));
        IndicatorMath.RequireDistinct(high, output, nameof(output));
        IndicatorMath.RequireDistinct(low, output, nameof(output));
        IndicatorMath.RequireBars(high, low, close);
        if (IndicatorMath.FillWarmup(output, period - 1)) return;

        var highest = new RollingExtreme();
        var lowest = new RollingExtreme();
        for (var today = period - 1; today < close.Length; today++)
        {
            var start = today - period + 1;
            var lo = lowest.Lowest(low, start, today);
            var hi = highest.Highest(high, start, today);
            var diff = (hi - lo) / -100.0;
            output[today] = diff != 0.0 ? (hi - close[today]) / diff : 0.0;
        }
    }
}
