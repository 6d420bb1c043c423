namespace WawaTrader.Core.Indicators;

/// <summary>
/// Keltner Channels (price units; no TA-Lib equivalent), the common modern definition (Chester Keltner's original used
/// a 10-day SMA of the typical price and its average range): middle = EMA(<c>emaPeriod</c>, default 20) of the close;
/// upper/lower = middle ± <c>multiplier</c> (default 2) × ATR(<c>atrPeriod</c>, default 10). EMA and ATR are
/// <see cref="IndicatorKernels.Ema"/> and <see cref="IndicatorKernels.Atr"/>, seeded as TA-Lib does.
/// </summary>
public static class KeltnerChannels
{
    /// <summary>All three lines start at index max(emaPeriod − 1, atrPeriod), where both EMA and ATR exist (20 for 20/10).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a period below 1 or longer than a non-empty series, or a negative or
    /// non-finite multiplier.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or a high below its low (the
    /// message names the index).</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        int emaPeriod, int atrPeriod, double multiplier, Span<double> upper, Span<double> middle, Span<double> lower)
    {
        IndicatorMath.RequirePeriod(emaPeriod, close.Length, nameof(emaPeriod));
        IndicatorMath.RequirePeriod(atrPeriod, close.Length, nameof(atrPeriod));
        if (!double.IsFinite(multiplier) || multiplier < 0)
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "The band width must be a finite, non-negative number of ATRs.");
        RequireOutput(high, low, close, upper, nameof(upper));
        RequireOutput(high, low, close, middle, nameof(middle));
        RequireOutput(high, low, close, lower, nameof(lower));
        IndicatorMath.RequireDistinct(upper, middle, nameof(middle));
        IndicatorMath.RequireDistinct(upper, lower, nameof(lower));
        IndicatorMath.RequireDistinct(middle, lower, nameof(lower));
        IndicatorMath.RequireBars(high, low, close);

        var first = Math.Max(emaPeriod - 1, atrPeriod);
        if (first >= close.Length)
        {
            upper.Fill(double.NaN);
            middle.Fill(double.NaN);
            lower.Fill(double.NaN);
            return;
        }

        IndicatorKernels.Ema(close, emaPeriod, middle);
        IndicatorKernels.Atr(high, low, close, atrPeriod, upper); // upper holds the ATR until the bands are written
        for (var i = first; i < close.Length; i++)
        {
            var width = multiplier * upper[i];
            upper[i] = middle[i] + width;
            lower[i] = middle[i] - width;
        }
        upper[..first].Fill(double.NaN);
        middle[..first].Fill(double.NaN);
        lower[..first].Fill(double.NaN);
    }

    private static void RequireOutput(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, string name)
    {
        IndicatorMath.RequireOutput(close, output, name);
        IndicatorMath.RequireDistinct(high, output, name);
        IndicatorMath.RequireDistinct(low, output, name);
    }
}
