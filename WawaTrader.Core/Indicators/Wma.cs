namespace WawaTrader.Core.Indicators;

/// <summary>Weighted moving average, as TA-Lib's TA_WMA.</summary>
public static class Wma
{
    /// <summary>Linearly weighted mean of the last <paramref name="period"/> values (weights 1…period, newest heaviest,
    /// divided by period·(period + 1)/2); first value at index period − 1. Uses TA-Lib's running sums, so it matches
    /// TA-Lib bit for bit; period 1 copies the input (TA-Lib itself asks for at least 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">period below 1 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, or a NaN/∞ value (the message names its index).</exception>
    public static void Compute(ReadOnlySpan<double> values, int period, Span<double> output)
    {
        IndicatorMath.RequirePeriod(period, values.Length, nameof(period));
        IndicatorMath.RequireOutput(values, output, nameof(output));
        IndicatorMath.RequireFinite(values, nameof(values));
        if (IndicatorMath.FillWarmup(output, period - 1)) return;
        if (period == 1)
        {
            values.CopyTo(output);
            return;
        }

        var divider = (double)((long)period * (period + 1) / 2);
        double periodSum = 0, periodSub = 0;
        for (var i = 0; i < period - 1; i++)
        {
            periodSub += values[i];
            periodSum += values[i] * (i + 1);
        }
        var trailingValue = 0.0;
        var trailing = 0;
        for (var i = period - 1; i < values.Length; i++)
        {
            var x = values[i];
            periodSub += x;
            periodSub -= trailingValue;
            periodSum += x * period;
            trailingValue = values[trailing++];
            output[i] = periodSum / divider;
            periodSum -= periodSub;
        }
    }
}
