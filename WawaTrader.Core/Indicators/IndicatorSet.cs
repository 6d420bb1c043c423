using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace WawaTrader.Core.Indicators;

/// <summary>
/// The output columns of <see cref="IndicatorSet.Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, IndicatorSetBuffers)"/>:
/// one span per indicator, each as long as the input series and aligned with it (cell i = value at the close of bar i,
/// NaN in the warm-up). Every span must be distinct from the others and from the inputs: the kernel uses some of them
/// as scratch space before writing their final values.
/// </summary>
public readonly ref struct IndicatorSetBuffers
{
    /// <summary>SMA(20) of close, price units.</summary>
    public required Span<double> Sma20 { get; init; }

    /// <summary>EMA(20) of close, price units.</summary>
    public required Span<double> Ema20 { get; init; }

    /// <summary>RSI(14), 0–100.</summary>
    public required Span<double> Rsi14 { get; init; }

    /// <summary>MACD(12, 26) line, price units.</summary>
    public required Span<double> Macd { get; init; }

    /// <summary>MACD signal line (EMA 9 of the MACD line).</summary>
    public required Span<double> MacdSignal { get; init; }

    /// <summary>MACD histogram (line − signal).</summary>
    public required Span<double> MacdHistogram { get; init; }

    /// <summary>Bollinger(20, 2) upper band.</summary>
    public required Span<double> BollingerUpper { get; init; }

    /// <summary>Bollinger(20, 2) middle band (= SMA 20).</summary>
    public required Span<double> BollingerMiddle { get; init; }

    /// <summary>Bollinger(20, 2) lower band.</summary>
    public required Span<double> BollingerLower { get; init; }

    /// <summary>ATR(14), price units.</summary>
    public required Span<double> Atr14 { get; init; }

    /// <summary>Population standard deviation of the last 20 closes, price units.</summary>
    public required Span<double> StdDev20 { get; init; }

    /// <summary>On-Balance Volume, shares.</summary>
    public required Span<double> Obv { get; init; }

    /// <summary>Volume / SMA(20) of volume (1 = an ordinary bar).</summary>
    public required Span<double> VolumeRatio20 { get; init; }
}

/// <summary>
/// Owned arrays for <see cref="IndicatorSet"/> (one per column), reusable between calls: allocate once with the longest
/// series you will pass, then <see cref="AsBuffers"/> gives spans of the length of each call.
/// </summary>
public sealed class IndicatorSetOutput
{
    /// <param name="capacity">The longest series (bars) these buffers will hold.</param>
    public IndicatorSetOutput(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        Sma20 = new double[capacity]; Ema20 = new double[capacity]; Rsi14 = new double[capacity];
        Macd = new double[capacity]; MacdSignal = new double[capacity]; MacdHistogram = new double[capacity];
        BollingerUpper = new double[capacity]; BollingerMiddle = new double[capacity]; BollingerLower = new double[capacity];
        Atr14 = new double[capacity]; StdDev20 = new double[capacity]; Obv = new double[capacity]; VolumeRatio20 = new double[capacity];
    }

    /// <summary>Number of bars each column can hold.</summary>
    public int Capacity { get; }

    public double[] Sma20 { get; }
    public double[] Ema20 { get; }
    public double[] Rsi14 { get; }
    public double[] Macd { get; }
    public double[] MacdSignal { get; }
    public double[] MacdHistogram { get; }
    public double[] BollingerUpper { get; }
    public double[] BollingerMiddle { get; }
    public double[] BollingerLower { get; }
    public double[] Atr14 { get; }
    public double[] StdDev20 { get; }
    public double[] Obv { get; }
    public double[] VolumeRatio20 { get; }

    /// <summary>The first <paramref name="length"/> cells of every column.</summary>
    public IndicatorSetBuffers AsBuffers(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Capacity);
        return new IndicatorSetBuffers
        {
            Sma20 = Sma20.AsSpan(0, length), Ema20 = Ema20.AsSpan(0, length), Rsi14 = Rsi14.AsSpan(0, length),
            Macd = Macd.AsSpan(0, length), MacdSignal = MacdSignal.AsSpan(0, length), MacdHistogram = MacdHistogram.AsSpan(0, length),
            BollingerUpper = BollingerUpper.AsSpan(0, length), BollingerMiddle = BollingerMiddle.AsSpan(0, length),
            BollingerLower = BollingerLower.AsSpan(0, length), Atr14 = Atr14.AsSpan(0, length), StdDev20 = StdDev20.AsSpan(0, length),
            Obv = Obv.AsSpan(0, length), VolumeRatio20 = VolumeRatio20.AsSpan(0, length),
        };
    }
}

/// <summary>
/// The whole seed indicator set in one fused, allocation-free pass over a history: SMA 20, EMA 20, RSI 14, MACD 12/26/9,
/// Bollinger 20/2, ATR 14, StdDev 20, OBV and the volume ratio over 20 bars, with the conventions (and the results, bit
/// for bit) of the separate <see cref="IndicatorKernels"/>, which match TA-Lib 1.1.6 (see <c>shared/data/market/CONVENTIONS.md</c>).
/// <para>How it is fused: the series is processed in cache-sized blocks. Per block, a SIMD pass computes the true range,
/// the close-to-close gains and losses and the signed volume; one scalar pass then runs every recursive chain side by
/// side (the running 20-bar totals of close and volume, EMA 20, the MACD EMAs and signal, the Wilder averages of RSI and
/// ATR, OBV), so their latencies overlap; last SIMD passes divide the totals into SMA and volume ratio, turn the Wilder
/// averages into RSI, compute σ two-pass per window (exact; the same σ as <see cref="IndicatorKernels.StdDev"/>), the
/// Bollinger bands from the same window mean, and the MACD histogram. Divisions by 14 and 20 use a reciprocal product
/// plus one FMA correction, which gives the correctly rounded quotient (the divider's bits) at a fraction of its cost.
/// The first 34 bars (every seed) are computed by a scalar prefix in each kernel's order; series shorter than that go
/// through the separate kernels.</para>
/// </summary>
public static class IndicatorSet
{
    private const int Period = 20;          // SMA, EMA, Bollinger, StdDev, volume ratio
    private const int WilderPeriod = 14;    // RSI, ATR
    private const int FastPeriod = 12, SlowPeriod = 26, SignalPeriod = 9;
    private const double BandWidth = 2.0;

    /// <summary>First index the fused body computes: every chain (the MACD signal last, at 33) is seeded before it.</summary>
    private const int BodyStart = SlowPeriod - 1 + SignalPeriod;

    /// <summary>Shorter series go through the separate kernels (the fused prefix needs every seed).</summary>
    private const int MinFusedLength = BodyStart;

    /// <summary>Bars per block: the 17 columns of a block (272 KB) stay in L2 between the passes.</summary>
    private const int BlockSize = 2048;

    private const double KEma = 2.0 / (Period + 1), KFast = 2.0 / (FastPeriod + 1), KSlow = 2.0 / (SlowPeriod + 1), KSignal = 2.0 / (SignalPeriod + 1);

    /// <summary>Computes every column of <paramref name="output"/> for the series (oldest first; all four inputs and all
    /// thirteen outputs the same length). Warm-up cells are NaN; first values: OBV 0, SMA/EMA/Bollinger/StdDev/volume
    /// ratio 19, RSI/ATR 14, MACD (line, signal, histogram) 33. Allocates nothing.</summary>
    /// <exception cref="ArgumentException">Lengths differ, an output overlaps an input or another output, or an input
    /// holds a NaN/∞, a high below its low or a negative volume (the message names the index).</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetBuffers output)
    {
        Validate(high, low, close, volume, output);
        var n = close.Length;
        if (n < MinFusedLength)
        {
            ComputeSeparately(high, low, close, volume, output);
            return;
        }

        Prepare(high, low, close, volume, output, 1, BodyStart);
        var state = RunPrefixChains(close, volume, output);
        FinishWindows(close, volume, output, Period - 1, BodyStart);
        for (var start = BodyStart; start < n; start += BlockSize)
        {
            var end = Math.Min(n, start + BlockSize);
            Prepare(high, low, close, volume, output, start, end);
            RunChains(close, volume, output, start, end, ref state);
            FinishMomentum(output, start, end);
            FinishWindows(close, volume, output, start, end);
        }
    }

    /// <summary>Same as the span overload, into the first <c>close.Length</c> cells of <paramref name="output"/>.</summary>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Compute(high, low, close, volume, output.AsBuffers(close.Length));
    }

    /// <summary>The separate kernels, one after the other (short series and the warm-up prefix).</summary>
    private static void ComputeSeparately(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetBuffers o)
    {
        var n = close.Length;
        if (IndicatorMath.FitsOrNaN(Period, n, o.BollingerUpper, o.BollingerMiddle, o.BollingerLower))
            IndicatorKernels.Bollinger(close, Period, BandWidth, o.BollingerUpper, o.BollingerMiddle, o.BollingerLower);
        o.BollingerMiddle.CopyTo(o.Sma20);
        if (IndicatorMath.FitsOrNaN(Period, n, o.StdDev20)) IndicatorKernels.StdDev(close, Period, o.StdDev20);
        if (IndicatorMath.FitsOrNaN(Period, n, o.Ema20)) IndicatorKernels.Ema(close, Period, o.Ema20);
        if (IndicatorMath.FitsOrNaN(WilderPeriod, n, o.Rsi14)) IndicatorKernels.Rsi(close, WilderPeriod, o.Rsi14);
        if (IndicatorMath.FitsOrNaN(SlowPeriod, n, o.Macd, o.MacdSignal, o.MacdHistogram))
            IndicatorKernels.Macd(close, FastPeriod, SlowPeriod, SignalPeriod, o.Macd, o.MacdSignal, o.MacdHistogram);
        if (IndicatorMath.FitsOrNaN(WilderPeriod, n, o.Atr14)) IndicatorKernels.Atr(high, low, close, WilderPeriod, o.Atr14);
        IndicatorKernels.Obv(close, volume, o.Obv);
        if (IndicatorMath.FitsOrNaN(Period, n, o.VolumeRatio20)) IndicatorKernels.VolumeRatio(volume, Period, o.VolumeRatio20);
    }

    /// <summary>The recursive state carried from one block to the next.</summary>
    private struct ChainState
    {
        public double CloseTotal, VolumeTotal, Ema, Fast, Slow, Signal, Gain, Loss, Atr, Obv;
    }

    /// <summary>Cells [0, 34) of every chain column (warm-ups, seeds and first values, in each separate kernel's order of
    /// operations), after <see cref="Prepare"/> over [1, 34). Leaves the window totals in SMA and volume ratio from 19
    /// for <see cref="FinishWindows"/>, and returns the state after bar 33.</summary>
    private static ChainState RunPrefixChains(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetBuffers o)
    {
        const int Last = BodyStart - 1;
        var s = new ChainState();

        // Running 20-bar totals as SmaCore keeps them (added, stored, then the trailing value removed).
        for (var i = 0; i < Period - 1; i++)
        {
            s.CloseTotal += close[i];
            s.VolumeTotal += volume[i];
        }
        for (var i = Period - 1; i <= Last; i++)
        {
            s.CloseTotal += close[i];
            o.Sma20[i] = s.CloseTotal;
            s.CloseTotal -= close[i - Period + 1];
            s.VolumeTotal += volume[i];
            o.VolumeRatio20[i] = s.VolumeTotal;
            s.VolumeTotal -= volume[i - Period + 1];
        }

        // EMA 20 seeded by the mean of the first 20 closes (the same sequential sum as the first window total).
        o.Ema20[..(Period - 1)].Fill(double.NaN);
        var ema = o.Sma20[Period - 1] / Period;
        o.Ema20[Period - 1] = ema;
        for (var i = Period; i <= Last; i++)
        {
            ema = ((close[i] - ema) * KEma) + ema;
            o.Ema20[i] = ema;
        }
        s.Ema = ema;

        // MACD: both EMAs seeded at 25; the signal seeded at 33 by the mean of MACD 25…33.
        double slow = 0, fast = 0;
        for (var i = 0; i < SlowPeriod; i++) slow += close[i];
        for (var i = SlowPeriod - FastPeriod; i < SlowPeriod; i++) fast += close[i];
        slow /= SlowPeriod;
        fast /= FastPeriod;
        var macd = fast - slow;
        var macdSum = macd;
        for (var i = SlowPeriod; i <= Last; i++)
        {
            fast = ((close[i] - fast) * KFast) + fast;
            slow = ((close[i] - slow) * KSlow) + slow;
            macd = fast - slow;
            macdSum += macd;
        }
        var signal = macdSum / SignalPeriod;
        o.Macd[..Last].Fill(double.NaN);
        o.MacdSignal[..Last].Fill(double.NaN);
        o.MacdHistogram[..Last].Fill(double.NaN);
        o.Macd[Last] = macd;
        o.MacdSignal[Last] = signal;
        o.MacdHistogram[Last] = macd - signal;
        (s.Fast, s.Slow, s.Signal) = (fast, slow, signal);

        // RSI and ATR: plain means of the first 14 gains/losses and true ranges, then Wilder. Prepare left the gain
        // parts in RSI, the loss parts in the lower band and the true ranges in ATR.
        double gain = 0, loss = 0, atr = 0;
        for (var i = 1; i <= WilderPeriod; i++)
        {
            gain += o.Rsi14[i];
            loss += o.BollingerLower[i];
            atr += o.Atr14[i];
        }
        loss /= WilderPeriod;
        gain /= WilderPeriod;
        atr /= WilderPeriod;
        o.Rsi14[WilderPeriod] = RsiValue(gain, loss);
        o.Atr14[WilderPeriod] = atr;
        const double WilderKeep = WilderPeriod - 1;
        for (var i = WilderPeriod + 1; i <= Last; i++)
        {
            gain = ((gain * WilderKeep) + o.Rsi14[i]) / WilderPeriod;
            loss = ((loss * WilderKeep) + o.BollingerLower[i]) / WilderPeriod;
            o.Rsi14[i] = RsiValue(gain, loss);
            atr = ((atr * WilderKeep) + o.Atr14[i]) / WilderPeriod;
            o.Atr14[i] = atr;
        }
        o.Rsi14[..WilderPeriod].Fill(double.NaN);
        o.Atr14[..WilderPeriod].Fill(double.NaN);
        (s.Gain, s.Loss, s.Atr) = (gain, loss, atr);

        // OBV from volume(0); Prepare left the signed volumes in OBV.
        var obv = volume[0];
        o.Obv[0] = obv;
        for (var i = 1; i <= Last; i++)
        {
            obv += o.Obv[i];
            o.Obv[i] = obv;
        }
        s.Obv = obv;

        // Window columns before their first value.
        o.Sma20[..(Period - 1)].Fill(double.NaN);
        o.BollingerMiddle[..(Period - 1)].Fill(double.NaN);
        o.BollingerUpper[..(Period - 1)].Fill(double.NaN);
        o.BollingerLower[..(Period - 1)].Fill(double.NaN);
        o.StdDev20[..(Period - 1)].Fill(double.NaN);
        o.VolumeRatio20[..(Period - 1)].Fill(double.NaN);
        return s;
    }

    private static double RsiValue(double gain, double loss)
    {
        var total = gain + loss;
        return total > -IndicatorKernels.Epsilon && total < IndicatorKernels.Epsilon ? 0.0 : 100.0 * (gain / total);
    }

    /// <summary>SIMD pass 1, cells [start, end) (start ≥ 1): RSI ← gain part of the change, lower band ← loss part,
    /// ATR ← true range, OBV ← signed volume. The chains read them back and overwrite them.</summary>
    private static void Prepare(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetBuffers o, int start, int end)
    {
        ref var h = ref MemoryMarshal.GetReference(high);
        ref var l = ref MemoryMarshal.GetReference(low);
        ref var c = ref MemoryMarshal.GetReference(close);
        ref var v = ref MemoryMarshal.GetReference(volume);
        ref var up = ref MemoryMarshal.GetReference(o.Rsi14);
        ref var down = ref MemoryMarshal.GetReference(o.BollingerLower);
        ref var tr = ref MemoryMarshal.GetReference(o.Atr14);
        ref var signedVolume = ref MemoryMarshal.GetReference(o.Obv);

        var i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<double>.Zero;
            for (; i <= end - Vector<double>.Count; i += Vector<double>.Count)
            {
                var at = (nuint)i;
                var previous = Vector.LoadUnsafe(ref c, at - 1);
                var change = Vector.LoadUnsafe(ref c, at) - previous;
                Vector.Max(change, zero).StoreUnsafe(ref up, at);
                Vector.Max(zero - change, zero).StoreUnsafe(ref down, at);

                var vol = Vector.LoadUnsafe(ref v, at);
                var signed = Vector.ConditionalSelect(Vector.GreaterThan(change, zero), vol,
                    Vector.ConditionalSelect(Vector.LessThan(change, zero), zero - vol, zero));
                signed.StoreUnsafe(ref signedVolume, at);

                var hi = Vector.LoadUnsafe(ref h, at);
                var lo = Vector.LoadUnsafe(ref l, at);
                var range = Vector.Max(Vector.Max(hi - lo, Vector.Abs(previous - hi)), Vector.Abs(previous - lo));
                range.StoreUnsafe(ref tr, at);
            }
        }
        for (; i < end; i++)
        {
            var previous = Unsafe.Add(ref c, i - 1);
            var change = Unsafe.Add(ref c, i) - previous;
            Unsafe.Add(ref up, i) = change > 0 ? change : 0.0;
            Unsafe.Add(ref down, i) = change < 0 ? -change : 0.0;
            var vol = Unsafe.Add(ref v, i);
            Unsafe.Add(ref signedVolume, i) = change > 0 ? vol : change < 0 ? -vol : 0.0;
            var hi = Unsafe.Add(ref h, i);
            var lo = Unsafe.Add(ref l, i);
            var greatest = hi - lo;
            var toHigh = Math.Abs(previous - hi);
            if (toHigh > greatest) greatest = toHigh;
            var toLow = Math.Abs(previous - lo);
            if (toLow > greatest) greatest = toLow;
            Unsafe.Add(ref tr, i) = greatest;
        }
    }

    /// <summary>SMA and middle band = close total / 20 and volume ratio at the cells from <paramref name="at"/> (one
    /// vector); returns the mean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> WindowMean(ref double sma, ref double middle, ref double ratio, ref double v, nuint at)
    {
        var mean = DivideByPeriod(Vector.LoadUnsafe(ref sma, at));
        mean.StoreUnsafe(ref sma, at);
        mean.StoreUnsafe(ref middle, at);
        var volumeMean = DivideByPeriod(Vector.LoadUnsafe(ref ratio, at));
        Vector.ConditionalSelect(Vector.GreaterThan(volumeMean, Vector<double>.Zero), Vector.LoadUnsafe(ref v, at) / volumeMean, new Vector<double>(double.NaN))
            .StoreUnsafe(ref ratio, at);
        return mean;
    }

    /// <summary>σ from the window's sum of squared deviations (0 below TA-Lib's epsilon) and the bands mean ± 2σ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBands(ref double stdDev, ref double upper, ref double lower, Vector<double> mean, Vector<double> sumSquares, nuint at)
    {
        var variance = DivideByPeriod(sumSquares);
        var sigma = Vector.ConditionalSelect(Vector.LessThan(variance, new Vector<double>(IndicatorKernels.Epsilon)), Vector<double>.Zero, Vector.SquareRoot(variance));
        sigma.StoreUnsafe(ref stdDev, at);
        var band = new Vector<double>(BandWidth) * sigma;
        (mean + band).StoreUnsafe(ref upper, at);
        (mean - band).StoreUnsafe(ref lower, at);
    }

    /// <summary>x / 20 per lane, correctly rounded, as <see cref="DivideByWilderPeriod"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<double> DivideByPeriod(Vector<double> x)
    {
        if (!Fma.IsSupported) return x / new Vector<double>(Period);
        var reciprocal = new Vector<double>(1.0 / Period);
        var q = x * reciprocal;
        return Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(-q, new Vector<double>(Period), x), reciprocal, q);
    }

    /// <summary>x / 14, correctly rounded (the same bits as the division), without the divider when FMA is available:
    /// q = x·RN(1/14) is within an ulp of x/14, and one FMA correction step makes it the correctly rounded quotient
    /// (Markstein's theorem). Shortens the Wilder chains, whose divisions would otherwise set the pace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double DivideByWilderPeriod(double x)
    {
        if (!Fma.IsSupported) return x / WilderPeriod;
        const double Reciprocal = 1.0 / WilderPeriod;
        var q = x * Reciprocal;
        return Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(-q, WilderPeriod, x), Reciprocal, q);
    }

    /// <summary>Scalar pass 2: every recursive chain, side by side. Leaves the window totals (not yet divided) in SMA and
    /// volume ratio, the Wilder gain/loss averages in RSI and the lower band.</summary>
    private static void RunChains(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetBuffers o, int start, int end, ref ChainState state)
    {
        ref var c = ref MemoryMarshal.GetReference(close);
        ref var v = ref MemoryMarshal.GetReference(volume);
        ref var smaTotal = ref MemoryMarshal.GetReference(o.Sma20);
        ref var volumeTotal = ref MemoryMarshal.GetReference(o.VolumeRatio20);
        ref var emaOut = ref MemoryMarshal.GetReference(o.Ema20);
        ref var macdOut = ref MemoryMarshal.GetReference(o.Macd);
        ref var signalOut = ref MemoryMarshal.GetReference(o.MacdSignal);
        ref var gainIo = ref MemoryMarshal.GetReference(o.Rsi14);
        ref var lossIo = ref MemoryMarshal.GetReference(o.BollingerLower);
        ref var atrIo = ref MemoryMarshal.GetReference(o.Atr14);
        ref var obvIo = ref MemoryMarshal.GetReference(o.Obv);

        double closeTotal = state.CloseTotal, volTotal = state.VolumeTotal, ema = state.Ema, fast = state.Fast, slow = state.Slow,
            signal = state.Signal, gain = state.Gain, loss = state.Loss, atr = state.Atr, obv = state.Obv;
        const double WilderKeep = WilderPeriod - 1;
        for (var i = start; i < end; i++)
        {
            var x = Unsafe.Add(ref c, i);
            closeTotal += x;
            Unsafe.Add(ref smaTotal, i) = closeTotal;
            closeTotal -= Unsafe.Add(ref c, i - (Period - 1));

            volTotal += Unsafe.Add(ref v, i);
            Unsafe.Add(ref volumeTotal, i) = volTotal;
            volTotal -= Unsafe.Add(ref v, i - (Period - 1));

            ema = ((x - ema) * KEma) + ema;
            Unsafe.Add(ref emaOut, i) = ema;
            fast = ((x - fast) * KFast) + fast;
            slow = ((x - slow) * KSlow) + slow;
            var macd = fast - slow;
            Unsafe.Add(ref macdOut, i) = macd;
            signal = ((macd - signal) * KSignal) + signal;
            Unsafe.Add(ref signalOut, i) = signal;

            ref var g = ref Unsafe.Add(ref gainIo, i);
            gain = DivideByWilderPeriod((gain * WilderKeep) + g);
            g = gain;
            ref var lo = ref Unsafe.Add(ref lossIo, i);
            loss = DivideByWilderPeriod((loss * WilderKeep) + lo);
            lo = loss;
            ref var a = ref Unsafe.Add(ref atrIo, i);
            atr = DivideByWilderPeriod((atr * WilderKeep) + a);
            a = atr;
            ref var ob = ref Unsafe.Add(ref obvIo, i);
            obv += ob;
            ob = obv;
        }
        (state.CloseTotal, state.VolumeTotal, state.Ema, state.Fast, state.Slow) = (closeTotal, volTotal, ema, fast, slow);
        (state.Signal, state.Gain, state.Loss, state.Atr, state.Obv) = (signal, gain, loss, atr, obv);
    }

    /// <summary>SIMD pass 3a: RSI from the Wilder averages left in RSI (gain) and the lower band (loss), with TA-Lib's
    /// guard; histogram = MACD − signal. Must run before <see cref="FinishWindows"/>, which overwrites the lower band.</summary>
    private static void FinishMomentum(IndicatorSetBuffers o, int start, int end)
    {
        ref var rsi = ref MemoryMarshal.GetReference(o.Rsi14);
        ref var loss = ref MemoryMarshal.GetReference(o.BollingerLower);
        ref var macd = ref MemoryMarshal.GetReference(o.Macd);
        ref var signal = ref MemoryMarshal.GetReference(o.MacdSignal);
        ref var histogram = ref MemoryMarshal.GetReference(o.MacdHistogram);

        var i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<double>.Zero;
            var epsilon = new Vector<double>(IndicatorKernels.Epsilon);
            var minusEpsilon = new Vector<double>(-IndicatorKernels.Epsilon);
            var hundred = new Vector<double>(100.0);
            for (; i <= end - Vector<double>.Count; i += Vector<double>.Count)
            {
                var at = (nuint)i;
                var gain = Vector.LoadUnsafe(ref rsi, at);
                var total = gain + Vector.LoadUnsafe(ref loss, at);
                var flat = Vector.BitwiseAnd(Vector.GreaterThan(total, minusEpsilon), Vector.LessThan(total, epsilon));
                Vector.ConditionalSelect(flat, zero, hundred * (gain / total)).StoreUnsafe(ref rsi, at);
                (Vector.LoadUnsafe(ref macd, at) - Vector.LoadUnsafe(ref signal, at)).StoreUnsafe(ref histogram, at);
            }
        }
        for (; i < end; i++)
        {
            Unsafe.Add(ref rsi, i) = RsiValue(Unsafe.Add(ref rsi, i), Unsafe.Add(ref loss, i));
            Unsafe.Add(ref histogram, i) = Unsafe.Add(ref macd, i) - Unsafe.Add(ref signal, i);
        }
    }

    /// <summary>SIMD pass 3b, cells [start, end) (start ≥ 19): SMA and middle band = close total / 20; volume ratio =
    /// volume / (volume total / 20), NaN where that mean is not positive; σ two-pass over the 20 closes with that mean
    /// (0 below TA-Lib's epsilon); bands = middle ± 2σ.</summary>
    private static void FinishWindows(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetBuffers o, int start, int end)
    {
        ref var c = ref MemoryMarshal.GetReference(close);
        ref var v = ref MemoryMarshal.GetReference(volume);
        ref var sma = ref MemoryMarshal.GetReference(o.Sma20);
        ref var middle = ref MemoryMarshal.GetReference(o.BollingerMiddle);
        ref var upper = ref MemoryMarshal.GetReference(o.BollingerUpper);
        ref var lower = ref MemoryMarshal.GetReference(o.BollingerLower);
        ref var stdDev = ref MemoryMarshal.GetReference(o.StdDev20);
        ref var ratio = ref MemoryMarshal.GetReference(o.VolumeRatio20);

        var i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<double>.Zero;
            // Four vectors at a time: the σ sums are sequential per window (to keep the bits), so independent windows
            // side by side are what hides the add latency.
            const int Width = 4;
            var count = Vector<double>.Count;
            for (; i <= end - (Width * count); i += Width * count)
            {
                var at = (nuint)i;
                var at1 = at + (nuint)count;
                var at2 = at1 + (nuint)count;
                var at3 = at2 + (nuint)count;
                var mean0 = WindowMean(ref sma, ref middle, ref ratio, ref v, at);
                var mean1 = WindowMean(ref sma, ref middle, ref ratio, ref v, at1);
                var mean2 = WindowMean(ref sma, ref middle, ref ratio, ref v, at2);
                var mean3 = WindowMean(ref sma, ref middle, ref ratio, ref v, at3);
                Vector<double> sum0 = zero, sum1 = zero, sum2 = zero, sum3 = zero;
                var from = at - (Period - 1);
                for (nuint j = 0; j < Period; j++)
                {
                    var d0 = Vector.LoadUnsafe(ref c, from + j) - mean0;
                    var d1 = Vector.LoadUnsafe(ref c, from + j + (nuint)count) - mean1;
                    var d2 = Vector.LoadUnsafe(ref c, from + j + (nuint)(2 * count)) - mean2;
                    var d3 = Vector.LoadUnsafe(ref c, from + j + (nuint)(3 * count)) - mean3;
                    sum0 += d0 * d0;
                    sum1 += d1 * d1;
                    sum2 += d2 * d2;
                    sum3 += d3 * d3;
                }
                StoreBands(ref stdDev, ref upper, ref lower, mean0, sum0, at);
                StoreBands(ref stdDev, ref upper, ref lower, mean1, sum1, at1);
                StoreBands(ref stdDev, ref upper, ref lower, mean2, sum2, at2);
                StoreBands(ref stdDev, ref upper, ref lower, mean3, sum3, at3);
            }
            for (; i <= end - count; i += count)
            {
                var at = (nuint)i;
                var mean = WindowMean(ref sma, ref middle, ref ratio, ref v, at);
                var sumSquares = zero;
                var from = at - (Period - 1);
                for (nuint j = 0; j < Period; j++)
                {
                    var d = Vector.LoadUnsafe(ref c, from + j) - mean;
                    sumSquares += d * d;
                }
                StoreBands(ref stdDev, ref upper, ref lower, mean, sumSquares, at);
            }
        }
        for (; i < end; i++)
        {
            var mean = Unsafe.Add(ref sma, i) / Period;
            Unsafe.Add(ref sma, i) = mean;
            Unsafe.Add(ref middle, i) = mean;

            var volumeMean = Unsafe.Add(ref ratio, i) / Period;
            Unsafe.Add(ref ratio, i) = volumeMean > 0 ? Unsafe.Add(ref v, i) / volumeMean : double.NaN;

            var sumSquares = 0.0;
            for (var j = i - (Period - 1); j <= i; j++)
            {
                var d = Unsafe.Add(ref c, j) - mean;
                sumSquares += d * d;
            }
            var variance = sumSquares / Period;
            var sigma = variance < IndicatorKernels.Epsilon ? 0.0 : Math.Sqrt(variance);
            Unsafe.Add(ref stdDev, i) = sigma;
            var band = BandWidth * sigma;
            Unsafe.Add(ref upper, i) = mean + band;
            Unsafe.Add(ref lower, i) = mean - band;
        }
    }

    private static readonly string[] OutputNames =
    [
        nameof(IndicatorSetBuffers.Sma20), nameof(IndicatorSetBuffers.Ema20), nameof(IndicatorSetBuffers.Rsi14),
        nameof(IndicatorSetBuffers.Macd), nameof(IndicatorSetBuffers.MacdSignal), nameof(IndicatorSetBuffers.MacdHistogram),
        nameof(IndicatorSetBuffers.BollingerUpper), nameof(IndicatorSetBuffers.BollingerMiddle), nameof(IndicatorSetBuffers.BollingerLower),
        nameof(IndicatorSetBuffers.Atr14), nameof(IndicatorSetBuffers.StdDev20), nameof(IndicatorSetBuffers.Obv),
        nameof(IndicatorSetBuffers.VolumeRatio20),
    ];

    /// <summary>Same lengths everywhere; finite prices and volumes, high ≥ low, volume ≥ 0 (as the separate kernels
    /// require); no output overlaps an input or another output (addresses compared while pinned).</summary>
    private static unsafe void Validate(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, IndicatorSetBuffers o)
    {
        var n = close.Length;
        if (high.Length != n || low.Length != n || volume.Length != n)
            throw new ArgumentException($"high ({high.Length}), low ({low.Length}), close ({n}) and volume ({volume.Length}) must have the same length.");
        ReadOnlySpan<int> lengths =
        [
            o.Sma20.Length, o.Ema20.Length, o.Rsi14.Length, o.Macd.Length, o.MacdSignal.Length, o.MacdHistogram.Length,
            o.BollingerUpper.Length, o.BollingerMiddle.Length, o.BollingerLower.Length, o.Atr14.Length, o.StdDev20.Length,
            o.Obv.Length, o.VolumeRatio20.Length,
        ];
        for (var k = 0; k < lengths.Length; k++)
            if (lengths[k] != n)
                throw new ArgumentException($"'{OutputNames[k]}' has {lengths[k]} cells but the input has {n}; all spans must have the same length.", OutputNames[k]);
        if (n == 0) return;
        IndicatorMath.RequireBars(high, low, close);
        IndicatorMath.RequireFinite(volume, nameof(volume));
        IndicatorMath.RequireNonNegative(volume, nameof(volume));

        const int Inputs = 4;
        fixed (double* h = high, l = low, c = close, v = volume, p0 = o.Sma20, p1 = o.Ema20, p2 = o.Rsi14, p3 = o.Macd, p4 = o.MacdSignal,
            p5 = o.MacdHistogram, p6 = o.BollingerUpper, p7 = o.BollingerMiddle, p8 = o.BollingerLower, p9 = o.Atr14, p10 = o.StdDev20,
            p11 = o.Obv, p12 = o.VolumeRatio20)
        {
            var starts = stackalloc nuint[] { (nuint)h, (nuint)l, (nuint)c, (nuint)v, (nuint)p0, (nuint)p1, (nuint)p2, (nuint)p3, (nuint)p4,
                (nuint)p5, (nuint)p6, (nuint)p7, (nuint)p8, (nuint)p9, (nuint)p10, (nuint)p11, (nuint)p12 };
            var bytes = (nuint)n * sizeof(double);
            for (var k = Inputs; k < 17; k++)
                for (var m = 0; m < k; m++)
                    if (starts[k] < starts[m] + bytes && starts[m] < starts[k] + bytes)
                        throw new ArgumentException($"'{OutputNames[k - Inputs]}' overlaps an input or another output; the set kernel needs distinct spans.", OutputNames[k - Inputs]);
        }
    }
}
