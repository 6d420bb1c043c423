using WawaTrader.Core.Market;

namespace WawaTrader.Core.Indicators;

/// <summary>
/// Computes the <see cref="IndicatorSnapshot"/> at the last bar of a series with <see cref="IndicatorKernels"/>, reusing
/// its working buffers between calls (no allocation per call once they have grown, besides the snapshot).
/// Not thread-safe: keep one instance per caller (it is registered as transient) or guard it with a lock.
/// </summary>
public sealed class IndicatorCalculator
{
    private double[] _close = [];
    private double[] _high = [];
    private double[] _low = [];
    private double[] _volume = [];
    private double[] _a = [];
    private double[] _b = [];
    private double[] _c = [];

    /// <summary>The snapshot at the close of the last bar of <paramref name="bars"/> (oldest first; validated with
    /// <see cref="BarSeriesValidator"/>). Values not yet defined for a series this short are NaN. Recursive indicators
    /// depend on where the series starts, so pass the same history length each time for comparable values.</summary>
    /// <exception cref="ArgumentException">No bars.</exception>
    /// <exception cref="InvalidBarSeriesException">A bad bar.</exception>
    public IndicatorSnapshot Compute(ReadOnlySpan<Bar> bars)
    {
        if (bars.IsEmpty) throw new ArgumentException("At least one bar is needed to compute indicators.", nameof(bars));
        BarSeriesValidator.Validate(bars);

        var n = bars.Length;
        EnsureCapacity(n);
        Span<double> close = _close.AsSpan(0, n), high = _high.AsSpan(0, n), low = _low.AsSpan(0, n), volume = _volume.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            close[i] = bars[i].Close;
            high[i] = bars[i].High;
            low[i] = bars[i].Low;
            volume[i] = bars[i].Volume;
        }
        Span<double> a = _a.AsSpan(0, n), b = _b.AsSpan(0, n), c = _c.AsSpan(0, n);

        IndicatorKernels.Sma(close, 20, a);
        var sma20 = a[^1];
        IndicatorKernels.Sma(close, 50, a);
        var sma50 = a[^1];
        IndicatorKernels.Ema(close, 20, a);
        var ema20 = a[^1];
        IndicatorKernels.Rsi(close, 14, a);
        var rsi14 = a[^1];
        IndicatorKernels.Macd(close, 12, 26, 9, a, b, c);
        var (macd, signal, histogram) = (a[^1], b[^1], c[^1]);
        IndicatorKernels.Bollinger(close, 20, 2.0, a, b, c);
        var (upper, middle, lower) = (a[^1], b[^1], c[^1]);
        IndicatorKernels.Atr(high, low, close, 14, a);
        var atr14 = a[^1];
        IndicatorKernels.StdDev(close, 20, a);
        var stdDev20 = a[^1];
        IndicatorKernels.Obv(close, volume, a);
        var obv = a[^1];
        IndicatorKernels.VolumeRatio(volume, 20, a);
        var volumeRatio20 = a[^1];

        return new IndicatorSnapshot(
            bars[^1].Time, close[^1], n > 1 ? close[^2] : double.NaN,
            sma20, sma50, ema20, rsi14, macd, signal, histogram,
            upper, middle, lower, atr14, stdDev20, obv, volumeRatio20);
    }

    private void EnsureCapacity(int n)
    {
        if (_close.Length >= n) return;
        var size = Math.Max(n, _close.Length * 2);
        _close = new double[size];
        _high = new double[size];
        _low = new double[size];
        _volume = new double[size];
        _a = new double[size];
        _b = new double[size];
        _c = new double[size];
    }
}
