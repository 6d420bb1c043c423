using WawaTrader.Core.Indicators;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>The hot path allocates nothing per call (counted in bytes on this thread, not timed).</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Kernels_allocate_nothing()
    {
        var bars = Bars.Trending(0.05, 500);
        double[] close = bars.Closes(), high = bars.Highs(), low = bars.Lows(), volume = bars.Volumes();
        double[] a = new double[500], b = new double[500], c = new double[500];
        void RunAll()
        {
            IndicatorKernels.Sma(close, 20, a);
            IndicatorKernels.Ema(close, 20, a);
            IndicatorKernels.Rsi(close, 14, a);
            IndicatorKernels.Macd(close, 12, 26, 9, a, b, c);
            IndicatorKernels.Bollinger(close, 20, 2, a, b, c);
            IndicatorKernels.Atr(high, low, close, 14, a);
            IndicatorKernels.StdDev(close, 20, a);
            IndicatorKernels.VolumeRatio(volume, 20, a);
            IndicatorKernels.Obv(close, volume, a);
        }
        RunAll();

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_warm_calculator_allocates_only_the_snapshot()
    {
        var calculator = new IndicatorCalculator();
        var bars = Bars.Trending(0.05, 250);
        calculator.Compute(bars);

        var before = GC.GetAllocatedBytesForCurrentThread();
        calculator.Compute(bars);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 1, 256);
    }
}
