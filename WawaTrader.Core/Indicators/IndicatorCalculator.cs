using WawaTrader.Core.Market;

namespace WawaTrader.Core.Indicators;

/// <summary>
/// Computes the <see cref="IndicatorSnapshot"/> at the last bar of a series with the fused <see cref="IndicatorSet"/> (plus
/// <see cref="IndicatorKernels.Sma"/> for SMA 50), reusing
/// its working buffers between calls (no allocation per call once they have grown, besides the snapshot).
/// Not thread-safe: keep one instance per caller (it is registered as transient) or guard it with a lock.
/// </summary>
public sealed class IndicatorCalculator
{
    private double[] _close = [];
    private double[] _high = [];
    private double[] _low = [];
    private double[] _volume = [];
    private double[] _sma50 = [];
    private IndicatorSetOutput _set = new(0);

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
        IndicatorSet.Compute(high, low, close, volume, _set.AsBuffers(n));
        if (IndicatorMath.FitsOrNaN(50, n, _sma50.AsSpan(0, n))) IndicatorKernels.Sma(close, 50, _sma50.AsSpan(0, n));
        var o = _set;
        var last = n - 1;

        return new IndicatorSnapshot(
            bars[^1].Time, close[^1], n > 1 ? close[^2] : double.NaN,
            o.Sma20[last], _sma50[last], o.Ema20[last], o.Rsi14[last], o.Macd[last], o.MacdSignal[last], o.MacdHistogram[last],
            o.BollingerUpper[last], o.BollingerMiddle[last], o.BollingerLower[last], o.Atr14[last], o.StdDev20[last], o.Obv[last],
            o.VolumeRatio20[last]);
    }

    private void EnsureCapacity(int n)
    {
        if (_close.Length >= n) return;
        var size = Math.Max(n, _close.Length * 2);
        _close = new double[size];
        _high = new double[size];
        _low = new double[size];
        _volume = new double[size];
        _sma50 = new double[size];
        _set = new IndicatorSetOutput(size);
    }
}
