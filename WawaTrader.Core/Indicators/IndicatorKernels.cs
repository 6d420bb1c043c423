using System.Numerics;
using System.Runtime.InteropServices;
using static WawaTrader.Core.Indicators.IndicatorMath;

namespace WawaTrader.Core.Indicators;

/// <summary>
/// Allocation-free batch indicator kernels that reproduce TA-Lib 1.1.6 (within 1e-9 relative, see
/// <c>shared/data/market/CONVENTIONS.md</c>). Each kernel reads a <see cref="ReadOnlySpan{T}"/> oldest first and writes an
/// output span of the same length, aligned with the input: cell i holds the value at the close of bar i, and the
/// warm-up cells (before TA-Lib's first value) hold <see cref="double.NaN"/>. Bad input is refused, never answered
/// silently: a period below 1 or longer than a non-empty series throws <see cref="ArgumentOutOfRangeException"/>; a NaN/∞
/// input (or a negative volume, or a high below its low) throws <see cref="ArgumentException"/> naming its index; empty
/// input gives empty output. Outputs must not overlap the inputs. Recursive indicators (EMA, RSI, ATR, MACD) and OBV depend on the
/// first bar given, as in TA-Lib: pass the whole history to reproduce its values.
/// </summary>
public static partial class IndicatorKernels
{
    /// <summary>TA-Lib's epsilon: a variance or RSI denominator within it counts as zero.</summary>
    internal const double Epsilon = 1e-14;

    /// <summary>Simple moving average: mean of the last <paramref name="period"/> values; first value at index period − 1.
    /// Uses TA-Lib's running total, so it matches TA-Lib bit for bit.</summary>
    public static void Sma(ReadOnlySpan<double> values, int period, Span<double> output)
    {
        RequireSeries(values, period, output, nameof(values));
        SmaCore(values, period, output);
    }

    /// <summary>Exponential moving average with k = 2/(period + 1), seeded as TA-Lib does with the SMA of the first
    /// <paramref name="period"/> values at index period − 1, then e = e + k·(x − e).</summary>
    public static void Ema(ReadOnlySpan<double> values, int period, Span<double> output)
    {
        RequireSeries(values, period, output, nameof(values));
        var first = period - 1;
        if (FillWarmup(output, first)) return;

        var sum = 0.0;
        for (var i = 0; i < period; i++) sum += values[i];
        var ema = sum / period;
        output[first] = ema;
        var k = 2.0 / (period + 1);
        for (var i = period; i < values.Length; i++)
        {
            ema = ((values[i] - ema) * k) + ema;
            output[i] = ema;
        }
    }

    /// <summary>Population standard deviation (divide by n) of the last <paramref name="period"/> values; first value at
    /// index period − 1. Computed two-pass per window (exact to ~1e-15, where TA-Lib's sqrt(E[x²] − E[x]²) can lose
    /// digits on small σ); a variance below 1e-14 gives 0, as in TA-Lib.</summary>
    public static void StdDev(ReadOnlySpan<double> values, int period, Span<double> output)
    {
        RequireSeries(values, period, output, nameof(values));
        SmaCore(values, period, output);
        PopulationStdDevs(values, period, output, output);
    }

    /// <summary>Bollinger Bands: middle = SMA(<paramref name="period"/>); upper/lower = middle ± <paramref name="k"/>·σ with σ
    /// the population standard deviation of the same window (see <see cref="StdDev"/>). First value at index period − 1.</summary>
    public static void Bollinger(ReadOnlySpan<double> close, int period, double k, Span<double> upper, Span<double> middle, Span<double> lower)
    {
        RequirePeriod(period, close.Length, nameof(period));
        if (!double.IsFinite(k)) throw new ArgumentOutOfRangeException(nameof(k), k, "The band width k must be a finite number of standard deviations.");
        RequireOutput(close, upper, nameof(upper));
        RequireOutput(close, middle, nameof(middle));
        RequireOutput(close, lower, nameof(lower));
        RequireDistinct(upper, middle, nameof(middle));
        RequireDistinct(upper, lower, nameof(lower));
        RequireDistinct(middle, lower, nameof(lower));
        RequireFinite(close, nameof(close));

        SmaCore(close, period, middle);
        var first = Math.Min(period - 1, close.Length);
        upper[..first].Fill(double.NaN);
        lower[..first].Fill(double.NaN);
        PopulationStdDevs(close, period, middle, upper);
        for (var i = period - 1; i < close.Length; i++)
        {
            var width = k * upper[i];
            upper[i] = middle[i] + width;
            lower[i] = middle[i] - width;
        }
    }

    /// <summary>Volume ratio (ours, not TA-Lib): volume / SMA(<paramref name="period"/>) of volume, so 1 is an ordinary bar
    /// and 2 a bar with twice the average volume. First value at index period − 1; NaN where the average volume is 0.</summary>
    public static void VolumeRatio(ReadOnlySpan<double> volume, int period, Span<double> output)
    {
        RequirePeriod(period, volume.Length, nameof(period));
        RequireOutput(volume, output, nameof(output));
        RequireFinite(volume, nameof(volume));
        RequireNonNegative(volume, nameof(volume));
        SmaCore(volume, period, output);
        for (var i = period - 1; i < volume.Length; i++)
        {
            var mean = output[i];
            output[i] = mean > 0 ? volume[i] / mean : double.NaN;
        }
    }

    /// <summary>TA-Lib's SMA loop (running total, added then trailing value removed), NaN before index period − 1.</summary>
    private static void SmaCore(ReadOnlySpan<double> values, int period, Span<double> output)
    {
        var first = period - 1;
        if (FillWarmup(output, first)) return;

        var total = 0.0;
        for (var i = 0; i < first; i++) total += values[i];
        var trailing = 0;
        for (var i = first; i < values.Length; i++)
        {
            total += values[i];
            var windowTotal = total;
            total -= values[trailing++];
            output[i] = windowTotal / period;
        }
    }

    /// <summary>σ of every full window: sigma[i] = <see cref="PopulationStdDev"/>(values[i − period + 1 … i], means[i]) for
    /// i ≥ period − 1 (cells before are left alone). <paramref name="sigma"/> may be <paramref name="means"/> itself. SIMD
    /// across neighbouring windows, each summed in the same order as the scalar loop, so the bits are the same.</summary>
    private static void PopulationStdDevs(ReadOnlySpan<double> values, int period, ReadOnlySpan<double> means, Span<double> sigma)
    {
        var i = period - 1;
        if (Vector.IsHardwareAccelerated)
        {
            ref var x = ref MemoryMarshal.GetReference(values);
            ref var m = ref MemoryMarshal.GetReference(means);
            ref var s = ref MemoryMarshal.GetReference(sigma);
            var n = new Vector<double>(period);
            var epsilon = new Vector<double>(Epsilon);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var at = (nuint)i;
                var mean = Vector.LoadUnsafe(ref m, at);
                var sumSquares = Vector<double>.Zero;
                var from = at - (nuint)(period - 1);
                for (nuint j = 0; j < (nuint)period; j++)
                {
                    var d = Vector.LoadUnsafe(ref x, from + j) - mean;
                    sumSquares += d * d;
                }
                var variance = sumSquares / n;
                Vector.ConditionalSelect(Vector.LessThan(variance, epsilon), Vector<double>.Zero, Vector.SquareRoot(variance)).StoreUnsafe(ref s, at);
            }
        }
        for (; i < values.Length; i++)
            sigma[i] = PopulationStdDev(values.Slice(i - period + 1, period), means[i]);
    }

    private static double PopulationStdDev(ReadOnlySpan<double> window, double mean)
    {
        var sumSquares = 0.0;
        foreach (var x in window)
        {
            var d = x - mean;
            sumSquares += d * d;
        }
        var variance = sumSquares / window.Length;
        return variance < Epsilon ? 0.0 : Math.Sqrt(variance);
    }

    /// <summary>The checks of a one-input kernel: period within [1, length], output of the same length and distinct, every
    /// value finite.</summary>
    private static void RequireSeries(ReadOnlySpan<double> values, int period, Span<double> output, string valuesName)
    {
        RequirePeriod(period, values.Length, nameof(period));
        RequireOutput(values, output, nameof(output));
        RequireFinite(values, valuesName);
    }
}
