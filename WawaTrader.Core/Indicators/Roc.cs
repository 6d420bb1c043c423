namespace WawaTrader.Core.Indicators;

/// <summary>Rate of change, as TA-Lib's TA_ROC (default period 10).</summary>
public static class Roc
{
    /// <summary>ROC in percent: ((value / value <paramref name="period"/> bars earlier) − 1)·100; 0 where the earlier value
    /// is 0 (TA-Lib's guard). First value at index period.</summary>
    /// <exception cref="ArgumentOutOfRangeException">period below 1 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, or a NaN/∞ value (the message names its index).</exception>
    public static void Compute(ReadOnlySpan<double> values, int period, Span<double> output)
    {
        IndicatorMath.RequirePeriod(period, values.Length, nameof(period));
        IndicatorMath.RequireOutput(values, output, nameof(output));
        IndicatorMath.RequireFinite(values, nameof(values));
        if (IndicatorMath.FillWarmup(output, period)) return;

        for (var i = period; i < values.Length; i++)
        {
            var previous = values[i - period];
            output[i] = previous != 0.0 ? ((values[i] / previous) - 1.0) * 100.0 : 0.0;
        }
    }
}
