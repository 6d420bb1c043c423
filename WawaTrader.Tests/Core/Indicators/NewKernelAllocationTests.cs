using WawaTrader.Core.Indicators;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>The newer kernels allocate nothing per call either (bytes counted on this thread, not timed).</summary>
public sealed class NewKernelAllocationTests
{
    [Fact]
    public void New_kernels_allocate_nothing()
    {
        var bars = Bars.Trending(0.05, 500);
        double[] close = bars.Closes(), high = bars.Highs(), low = bars.Lows(), volume = bars.Volumes();
        var time = bars.Select(b => b.Time).ToArray();
        double[] a = new double[500], b = new double[500], c = new double[500];
        void RunAll()
        {
            Wma.Compute(close, 20, a);
            Stochastic.FastK(high, low, close, 14, a);
            Stochastic.Slow(high, low, close, 14, 3, 3, a, b);
            Adx.Compute(high, low, close, 14, a, b, c);
            Adx.Compute(high, low, close, 14, a);
            Cci.Compute(high, low, close, 14, a);
            WilliamsR.Compute(high, low, close, 14, a);
            Roc.Compute(close, 10, a);
            Mfi.Compute(high, low, close, volume, 14, a);
            Vwap.Compute(high, low, close, volume, a);
            Vwap.Compute(time, high, low, close, volume, a);
            KeltnerChannels.Compute(high, low, close, 20, 10, 2, a, b, c);
            DonchianChannels.Compute(high, low, 20, a, b, c);
        }
        RunAll();

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
