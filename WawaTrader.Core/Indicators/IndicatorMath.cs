using System.Numerics;
using System.Runtime.InteropServices;

namespace WawaTrader.Core.Indicators;

/// <summary>
/// Argument checks and small loops shared by the indicator kernels (<see cref="IndicatorKernels"/>, WMA, Stochastic, ADX, …).
/// Every check names the offending argument and, for bad values, the index of the first one.
/// </summary>
internal static class IndicatorMath
{
    /// <summary>TA-Lib's epsilon (TA_IS_ZERO): a denominator within it counts as zero.</summary>
    internal const double Epsilon = 1e-14;

    /// <summary>Refuses a period below <paramref name="minimum"/> bars, or longer than a non-empty series.</summary>
    internal static void RequirePeriod(int period, int seriesLength, string name, int minimum = 1)
    {
        if (period < minimum)
            throw new ArgumentOutOfRangeException(name, period, $"The period must be at least {minimum} bar{(minimum == 1 ? "" : "s")}.");
        if (seriesLength > 0 && period > seriesLength)
            throw new ArgumentOutOfRangeException(name, period,
                $"The period ({period} bars) is longer than the series ({seriesLength} bars); pass more history or a shorter period.");
    }

    /// <summary>For a caller that may hold a series shorter than <paramref name="period"/> (which the kernels refuse):
    /// true when the kernel can run; otherwise fills <paramref name="output"/> with NaN and returns false.</summary>
    internal static bool FitsOrNaN(int period, int length, Span<double> output)
    {
        if (period <= length) return true;
        output.Fill(double.NaN);
        return false;
    }

    /// <summary><see cref="FitsOrNaN(int, int, Span{double})"/> for a kernel with three outputs (MACD, bands).</summary>
    internal static bool FitsOrNaN(int period, int length, Span<double> first, Span<double> second, Span<double> third)
    {
        if (period <= length) return true;
        first.Fill(double.NaN);
        second.Fill(double.NaN);
        third.Fill(double.NaN);
        return false;
    }

    internal static void RequireSameLength(int expected, int actual, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"'{name}' has {actual} cells but the input has {expected}; all spans must have the same length.", name);
    }

    /// <summary>An output must have the input's length and must not overlap <paramref name="input"/>.</summary>
    internal static void RequireOutput(ReadOnlySpan<double> input, Span<double> output, string name)
    {
        RequireSameLength(input.Length, output.Length, name);
        RequireDistinct(input, output, name);
    }

    internal static void RequireDistinct(ReadOnlySpan<double> a, ReadOnlySpan<double> b, string name)
    {
        if (!a.IsEmpty && a.Overlaps(b)) throw new ArgumentException($"'{name}' overlaps another span; kernels do not work in place.", name);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first NaN or ±∞ cell. A vectorised pass (x − x is 0 for
    /// every finite x and NaN otherwise) finds whether there is one; only then is the index searched for.</summary>
    internal static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        var start = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            var acc = Vector<double>.Zero;
            foreach (var v in vectors) acc += v - v;
            if (acc == Vector<double>.Zero) start = vectors.Length * Vector<double>.Count;
        }
        for (var i = start; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is {values[i]}; prices and volumes must be finite numbers.", name);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bar whose high is below its low.</summary>
    internal static void RequireHighNotBelowLow(ReadOnlySpan<double> high, ReadOnlySpan<double> low)
    {
        for (var i = 0; i < high.Length; i++)
        {
            if (high[i] < low[i])
                throw new ArgumentException($"high[{i}] = {high[i]} is below low[{i}] = {low[i]}; the bar is inconsistent.", nameof(high));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first negative volume.</summary>
    internal static void RequireNonNegative(ReadOnlySpan<double> volume, string name)
    {
        for (var i = 0; i < volume.Length; i++)
        {
            if (volume[i] < 0)
                throw new ArgumentException($"{name}[{i}] = {volume[i]} is negative; volume cannot be below zero.", name);
        }
    }

    /// <summary>The common checks for a high/low/close kernel: same lengths, finite values, high ≥ low.</summary>
    internal static void RequireBars(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close)
    {
        RequireSameLength(close.Length, high.Length, nameof(high));
        RequireSameLength(close.Length, low.Length, nameof(low));
        RequireFinite(high, nameof(high));
        RequireFinite(low, nameof(low));
        RequireFinite(close, nameof(close));
        RequireHighNotBelowLow(high, low);
    }

    /// <summary>Writes NaN into the warm-up cells [0, firstValueIndex); returns true when the whole output is warm-up.</summary>
    internal static bool FillWarmup(Span<double> output, int firstValueIndex)
    {
        if (firstValueIndex >= output.Length)
        {
            output.Fill(double.NaN);
            return true;
        }
        output[..firstValueIndex].Fill(double.NaN);
        return false;
    }

    /// <summary>TA-Lib's SMA loop (running total: add the new value, keep the window total, remove the trailing value).
    /// Writes output[period − 1 …]; the cells before are left untouched.</summary>
    internal static void RunningMean(ReadOnlySpan<double> values, int period, Span<double> output)
    {
        var total = 0.0;
        for (var i = 0; i < period - 1; i++) total += values[i];
        var trailing = 0;
        for (var i = period - 1; i < values.Length; i++)
        {
            total += values[i];
            var windowTotal = total;
            total -= values[trailing++];
            output[i] = windowTotal / period;
        }
    }

    /// <summary>Typical price (high + low + close)/3, in TA-Lib's order of operations.</summary>
    internal static double TypicalPrice(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int i) =>
        (high[i] + low[i] + close[i]) / 3.0;

    /// <summary>True range of bar i ≥ 1: max(high − low, |high − previous close|, |low − previous close|).</summary>
    internal static double TrueRange(double high, double low, double previousClose)
    {
        var greatest = high - low;
        var toHigh = Math.Abs(high - previousClose);
        if (toHigh > greatest) greatest = toHigh;
        var toLow = Math.Abs(low - previousClose);
        if (toLow > greatest) greatest = toLow;
        return greatest;
    }
}

/// <summary>
/// The highest (or lowest) value of a sliding window, tracked as TA-Lib does: keep the extreme's index and rescan the
/// window only when that index falls out of it. Amortised O(1) per bar on real prices, no allocation.
/// </summary>
internal struct RollingExtreme
{
    private int _index;
    private double _value;

    public RollingExtreme() => _index = -1;

    /// <summary>The highest of values[start…today]; call with today increasing by one each time.</summary>
    public double Highest(ReadOnlySpan<double> values, int start, int today)
    {
        if (_index < start)
        {
            _index = start;
            _value = values[start];
            for (var i = start + 1; i <= today; i++)
            {
                if (values[i] > _value) (_index, _value) = (i, values[i]);
            }
        }
        else if (values[today] >= _value)
        {
            (_index, _value) = (today, values[today]);
        }
        return _value;
    }

    /// <summary>The lowest of values[start…today]; call with today increasing by one each time.</summary>
    public double Lowest(ReadOnlySpan<double> values, int start, int today)
    {
        if (_index < start)
        {
            _index = start;
            _value = values[start];
            for (var i = start + 1; i <= today; i++)
            {
                if (values[i] < _value) (_index, _value) = (i, values[i]);
            }
        }
        else if (values[today] <= _value)
        {
            (_index, _value) = (today, values[today]);
        }
        return _value;
    }
}
