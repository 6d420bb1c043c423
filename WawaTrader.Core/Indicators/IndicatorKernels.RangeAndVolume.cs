using static WawaTrader.Core.Indicators.IndicatorMath;

namespace WawaTrader.Core.Indicators;

public static partial class IndicatorKernels
{
    /// <summary>Average True Range (price units), Wilder smoothing seeded as TA-Lib does. TR(i) = max(high − low,
    /// |high − previous close|, |low − previous close|) from i = 1 (bar 0 has no TR); the first ATR, at index
    /// <paramref name="period"/>, is the mean of TR(1…period); then atr = (atr·(period − 1) + TR)/period. A series of
    /// exactly <paramref name="period"/> bars is accepted and gives all NaN (the first value needs period + 1 bars).</summary>
    public static void Atr(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        RequirePeriod(period, close.Length, nameof(period));
        RequireSameLength(close.Length, high.Length, nameof(high));
        RequireSameLength(close.Length, low.Length, nameof(low));
        RequireOutput(close, output, nameof(output));
        RequireDistinct(high, output, nameof(output));
        RequireDistinct(low, output, nameof(output));
        RequireBars(high, low, close);
        if (FillWarmup(output, period)) return;

        var total = 0.0;
        for (var i = 1; i <= period; i++) total += TrueRange(high, low, close, i);
        var atr = total / period;
        output[period] = atr;
        for (var i = period + 1; i < close.Length; i++)
        {
            atr *= period - 1;
            atr += TrueRange(high, low, close, i);
            atr /= period;
            output[i] = atr;
        }
    }

    /// <summary>On-Balance Volume (shares), as TA-Lib: OBV(0) = volume(0); then + volume when the close rose, − volume
    /// when it fell, unchanged when equal. Defined from index 0. A NaN/∞ close or volume, or a negative volume, is refused
    /// naming its index.</summary>
    public static void Obv(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Span<double> output)
    {
        RequireSameLength(close.Length, volume.Length, nameof(volume));
        RequireOutput(close, output, nameof(output));
        RequireDistinct(volume, output, nameof(output));
        RequireFinite(close, nameof(close));
        RequireFinite(volume, nameof(volume));
        RequireNonNegative(volume, nameof(volume));
        if (close.IsEmpty) return;

        var obv = volume[0];
        var previous = close[0];
        for (var i = 0; i < close.Length; i++)
        {
            var current = close[i];
            if (current > previous) obv += volume[i];
            else if (current < previous) obv -= volume[i];
            output[i] = obv;
            previous = current;
        }
    }

    private static double TrueRange(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int i)
    {
        var previousClose = close[i - 1];
        var greatest = high[i] - low[i];
        var toHigh = Math.Abs(previousClose - high[i]);
        if (toHigh > greatest) greatest = toHigh;
        var toLow = Math.Abs(previousClose - low[i]);
        if (toLow > greatest) greatest = toLow;
        return greatest;
    }
}
