namespace WawaTrader.Core.Indicators;

/// <summary>
/// Volume-weighted average price (price units; no TA-Lib equivalent): Σ TP·volume / Σ volume with TP = (high + low +
/// close)/3, accumulated from the first bar, or from the first bar of each session in the overload that takes times.
/// Defined from index 0; NaN while the accumulated volume is still 0 (no trade, no average price).
/// </summary>
public static class Vwap
{
    /// <summary>Cumulative VWAP over the whole series (anchored at bar 0).</summary>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or volume, a high below its low
    /// or a negative volume (the message names the index).</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume,
        Span<double> output)
    {
        Validate(high, low, close, volume, output);
        Accumulate(high, low, close, volume, [], output);
    }

    /// <summary>Session VWAP: the sums restart at every bar whose <see cref="DateTime.Date"/> differs from the previous
    /// bar's. Pass times in the exchange's time zone when a session can cross midnight UTC (bars are stored as UTC, and US
    /// regular hours, 14:30–21:00 UTC, never do).</summary>
    /// <exception cref="ArgumentException">mismatched or overlapping spans, a NaN/∞ price or volume, a high below its low,
    /// a negative volume or a time earlier than the previous bar's (the message names the index).</exception>
    public static void Compute(ReadOnlySpan<DateTime> time, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        ReadOnlySpan<double> volume, Span<double> output)
    {
        if (time.Length != close.Length)
            throw new ArgumentException($"'{nameof(time)}' has {time.Length} cells but the input has {close.Length}; all spans must have the same length.", nameof(time));
        Validate(high, low, close, volume, output);
        for (var i = 1; i < time.Length; i++)
        {
            if (time[i] < time[i - 1])
                throw new ArgumentException($"time[{i}] = {time[i]:O} is before time[{i - 1}] = {time[i - 1]:O}; bars must be oldest first.", nameof(time));
        }
        Accumulate(high, low, close, volume, time, output);
    }

    private static void Validate(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume,
        Span<double> output)
    {
        IndicatorMath.RequireSameLength(close.Length, volume.Length, nameof(volume));
        IndicatorMath.RequireOutput(close, output, nameof(output));
        IndicatorMath.RequireDistinct(high, output, nameof(output));
        IndicatorMath.RequireDistinct(low, output, nameof(output));
        IndicatorMath.RequireDistinct(volume, output, nameof(output));
        IndicatorMath.RequireBars(high, low, close);
        IndicatorMath.RequireFinite(volume, nameof(volume));
        IndicatorMath.RequireNonNegative(volume, nameof(volume));
    }

    /// <summary>Running sums; an empty <paramref name="time"/> means one session.</summary>
    private static void Accumulate(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume,
        ReadOnlySpan<DateTime> time, Span<double> output)
    {
        double priceVolume = 0, totalVolume = 0;
        for (var i = 0; i < close.Length; i++)
        {
            if (!time.IsEmpty && i > 0 && time[i].Date != time[i - 1].Date)
            {
                priceVolume = 0;
                totalVolume = 0;
            }
            priceVolume += IndicatorMath.TypicalPrice(high, low, close, i) * volume[i];
            totalVolume += volume[i];
            output[i] = totalVolume > 0 ? priceVolume / totalVolume : double.NaN;
        }
    }
}
