namespace WawaTrader.Core.Indicators;

/// <summary>Donchian Channels (price units; no TA-Lib equivalent, default period 20).</summary>
public static class DonchianChannels
{
    /// <summary>Upper = highest high and lower = lowest low of the last <paramref name="period"/> bars including the current
    /// one; middle = (upper + lower)/2. First value at index period − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">period below 1 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or a high below its low (the
    /// message names the index).</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int period, Span<double> upper, Span<double> middle, Span<double> lower)
    {
        IndicatorMath.RequirePeriod(period, high.Length, nameof(period));
        IndicatorMath.RequireSameLength(high.Length, low.Length, nameof(low));
        RequireOutput(high, low, upper, nameof(upper));
        RequireOutput(high, low, middle, nameof(middle));
        RequireOutput(high, low, lower, nameof(lower));
        IndicatorMath.RequireDistinct(upper, middle, nameof(middle));
        IndicatorMath.RequireDistinct(upper, lower, nameof(lower));
        IndicatorMath.RequireDistinct(middle, lower, nameof(lower));
        IndicatorMath.RequireFinite(high, nameof(high));
        IndicatorMath.RequireFinite(low, nameof(low));
        IndicatorMath.RequireHighNotBelowLow(high, low);

        var first = period - 1;
        IndicatorMath.FillWarmup(upper, first);
        IndicatorMath.FillWarmup(middle, first);
        if (IndicatorMath.FillWarmup(lower, first)) return;

        var highest = new RollingExtreme();
        var lowest = new RollingExtreme();
        for (var today = first; today < high.Length; today++)
        {
            var hi = highest.Highest(high, today - first, today);
            var lo = lowest.Lowest(low, today - first, today);
            upper[today] = hi;
            lower[today] = lo;
            middle[today] = (hi + lo) / 2;
        }
    }

    private static void RequireOutput(ReadOnlySpan<double> high, ReadOnlySpan<double> low, Span<double> output, string name)
    {
        IndicatorMath.RequireOutput(high, output, name);
        IndicatorMath.RequireDistinct(low, output, name);
    }
}
