namespace WawaTrader.Core.Indicators;

/// <summary>Money Flow Index (0–100), as TA-Lib's TA_MFI (default period 14).</summary>
public static class Mfi
{
    /// <summary>Raw money flow of bar i = TP(i)·volume(i) with TP = (high + low + close)/3, counted positive when TP rose
    /// against bar i − 1, negative when it fell, not at all when equal. MFI = 100·positive/(positive + negative) over the
    /// last <paramref name="period"/> flows (bars i − period + 1 … i); first value at index period. As in TA-Lib, MFI is 0
    /// when positive + negative is below 1 (e.g. no volume), and the sums are running totals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">period below 1 or longer than a non-empty series.</exception>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or volume, a high below its low
    /// or a negative volume (the message names the index).</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume,
        int period, Span<double> output)
    {
        IndicatorMath.RequirePeriod(period, close.Length, nameof(period));
        IndicatorMath.RequireSameLength(close.Length, volume.Length, nameof(volume));
        IndicatorMath.RequireOutput(close, output, nameof(output));
        IndicatorMath.RequireDistinct(high, output, nameof(output));
        IndicatorMath.RequireDistinct(low, output, nameof(output));
        IndicatorMath.RequireDistinct(volume, output, nameof(output));
        IndicatorMath.RequireBars(high, low, close);
        IndicatorMath.RequireFinite(volume, nameof(volume));
        IndicatorMath.RequireNonNegative(volume, nameof(volume));
        if (IndicatorMath.FillWarmup(output, period)) return;

        double positive = 0, negative = 0;
        for (var i = 1; i <= period; i++)
        {
            var (up, down) = Flow(high, low, close, volume, i);
            positive += up;
            negative += down;
        }
        output[period] = Value(positive, negative);
        for (var i = period + 1; i < close.Length; i++)
        {
            var (oldUp, oldDown) = Flow(high, low, close, volume, i - period);
            positive -= oldUp;
            negative -= oldDown;
            var (up, down) = Flow(high, low, close, volume, i);
            positive += up;
            negative += down;
            output[i] = Value(positive, negative);
        }
    }

    /// <summary>(positive, negative) money flow of bar i ≥ 1, computed exactly as TA-Lib does so removal cancels addition.</summary>
    private static (double Positive, double Negative) Flow(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        ReadOnlySpan<double> volume, int i)
    {
        var typical = IndicatorMath.TypicalPrice(high, low, close, i);
        var change = typical - IndicatorMath.TypicalPrice(high, low, close, i - 1);
        var flow = typical * volume[i];
        return change < 0 ? (0.0, flow) : change > 0 ? (flow, 0.0) : (0.0, 0.0);
    }

    private static double Value(double positive, double negative)
    {
        var total = positive + negative;
        return total < 1.0 ? 0.0 : 100.0 * (positive / total);
    }
}
