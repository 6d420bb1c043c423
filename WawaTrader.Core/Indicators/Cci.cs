namespace WawaTrader.Core.Indicators;

/// <summary>Commodity Channel Index, as TA-Lib's TA_CCI (default period 14).</summary>
public static class Cci
{
    /// <summary>CCI = (TP − SMA(TP))/(0.015 · mean absolute deviation of TP from that SMA), with TP = (high + low + close)/3
    /// over the last <paramref name="period"/> bars; 0 when either the numerator or the deviation is exactly 0 (TA-Lib's
    /// guard). Unbounded, typically within ±100…±300. First value at index period − 1. Sums run in TA-Lib's
    /// circular-buffer order, so it matches TA-Lib bit for bit; O(n·period), no allocation.</summary>
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
        var n = close.Length;
        if (period - 1 >= n)
        {
            output.Fill(double.NaN);
            return;
        }

        // The output doubles as the typical-price buffer. Walking backwards, the CCI written at t is never read again:
        // the windows still to come (ending before t) do not include t.
        for (var i = 0; i < n; i++) output[i] = IndicatorMath.TypicalPrice(high, low, close, i);
        for (var t = n - 1; t >= period - 1; t--)
        {
            // TA-Lib's buffer slot j holds the bar b ≡ j (mod period) and it sums slots 0…period − 1 in that order: the
            // window's newest bars from the one at slot 0, then its oldest ones.
            var window = output.Slice(t - period + 1, period);
            var split = period - ((t - period + 1) % period);
            var newer = window[split..];
            var older = window[..split];
            var mean = 0.0;
            foreach (var x in newer) mean += x;
            foreach (var x in older) mean += x;
            mean /= period;
            var deviation = 0.0;
            foreach (var x in newer) deviation += Math.Abs(x - mean);
            foreach (var x in older) deviation += Math.Abs(x - mean);
            var distance = output[t] - mean;
            output[t] = distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / period)) : 0.0;
        }
        output[..(period - 1)].Fill(double.NaN);
    }
}
