namespace WawaTrader.Core.Indicators;

/// <summary>Stochastic oscillator (0–100), as TA-Lib's TA_STOCH (slow) and TA_STOCHF (fast %K).</summary>
public static class Stochastic
{
    /// <summary>Fast %K: 100·(close − lowest low)/(highest high − lowest low) over the last <paramref name="period"/> bars
    /// including the current one; 0 when the range is 0 (TA-Lib's guard). First value at index period − 1 (TA_STOCHF's %K
    /// with a fast %D period of 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">period below 1 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or a high below its low (the
    /// message names the index).</exception>
    public static void FastK(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        IndicatorMath.RequirePeriod(period, close.Length, nameof(period));
        RequireOutput(high, low, close, output, nameof(output));
        IndicatorMath.RequireBars(high, low, close);
        if (IndicatorMath.FillWarmup(output, period - 1)) return;
        RawK(high, low, close, period, output);
    }

    /// <summary>Slow stochastic as TA-Lib's STOCH with SMA smoothing (defaults 14, 3, 3): slow %K = SMA(<paramref name="slowKPeriod"/>)
    /// of fast %K(<paramref name="fastKPeriod"/>), slow %D = SMA(<paramref name="slowDPeriod"/>) of slow %K. Both are reported
    /// from index (fastK − 1) + (slowK − 1) + (slowD − 1), 17 for 14/3/3, as in TA-Lib.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a period below 1 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or a high below its low (the
    /// message names the index).</exception>
    public static void Slow(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        int fastKPeriod, int slowKPeriod, int slowDPeriod, Span<double> slowK, Span<double> slowD)
    {
        IndicatorMath.RequirePeriod(fastKPeriod, close.Length, nameof(fastKPeriod));
        IndicatorMath.RequirePeriod(slowKPeriod, close.Length, nameof(slowKPeriod));
        IndicatorMath.RequirePeriod(slowDPeriod, close.Length, nameof(slowDPeriod));
        RequireOutput(high, low, close, slowK, nameof(slowK));
        RequireOutput(high, low, close, slowD, nameof(slowD));
        IndicatorMath.RequireDistinct(slowK, slowD, nameof(slowD));
        IndicatorMath.RequireBars(high, low, close);

        var kFirst = fastKPeriod - 1;
        var slowKFirst = kFirst + slowKPeriod - 1;
        var first = slowKFirst + slowDPeriod - 1;
        if (first >= close.Length)
        {
            slowK.Fill(double.NaN);
            slowD.Fill(double.NaN);
            return;
        }

        // slowD holds the raw %K until slow %K is known, then is overwritten by slow %D.
        RawK(high, low, close, fastKPeriod, slowD);
        IndicatorMath.RunningMean(slowD[kFirst..], slowKPeriod, slowK[kFirst..]);
        IndicatorMath.RunningMean(slowK[slowKFirst..], slowDPeriod, slowD[slowKFirst..]);
        slowK[..first].Fill(double.NaN);
        slowD[..first].Fill(double.NaN);
    }

    /// <summary>TA-Lib's %K loop: writes output[period − 1 …].</summary>
    private static void RawK(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        var highest = new RollingExtreme();
        var lowest = new RollingExtreme();
        for (var today = period - 1; today < close.Length; today++)
        {
            var start = today - period + 1;
            var lo = lowest.Lowest(low, start, today);
            var hi = highest.Highest(high, start, today);
            var diff = (hi - lo) / 100.0;
            output[today] = diff != 0.0 ? (close[today] - lo) / diff : 0.0;
        }
    }

    private static void RequireOutput(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, string name)
    {
        IndicatorMath.RequireOutput(close, output, name);
        IndicatorMath.RequireDistinct(high, output, name);
        IndicatorMath.RequireDistinct(low, output, name);
    }
}
