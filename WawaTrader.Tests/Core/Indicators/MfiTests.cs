using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class MfiTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        Mfi.Compute(bars.Highs(), bars.Lows(), bars.Closes(), bars.Volumes(), period, output);

    protected override int FirstValueIndex(int period) => period;

    [Fact]
    public void Is_the_share_of_positive_money_flow()
    {
        var (high, low, close) = SmallBars.Hlc();
        var output = new double[6];
        Mfi.Compute(high, low, close, SmallBars.Volume(), 2, output);
        // Typical prices 9, 11, 10, 12, 32/3, 13. Flows: bar 1 +11·200 = +2200, bar 2 −10·300 = −3000,
        // bar 3 +12·100 = +1200, bar 4 −(32/3)·400 = −12800/3, bar 5 +13·0 = 0.
        // bar 2: 100·2200/5200; bar 3: 100·1200/4200; bar 4: 100·1200/(1200 + 12800/3) = 100·3600/16400; bar 5: 0
        Assert.True(double.IsNaN(output[1]));
        Assert.Equal(100.0 * 2200 / 5200, output[2], 10);
        Assert.Equal(100.0 * 1200 / 4200, output[3], 10);
        Assert.Equal(100.0 * 3600 / 16400, output[4], 10);
        Assert.Equal(0.0, output[5], 10);
    }

    [Fact]
    public void Is_zero_without_volume_as_in_TA_Lib()
    {
        var (high, low, close) = SmallBars.Hlc();
        var output = new double[6];
        Mfi.Compute(high, low, close, new double[6], 2, output);
        Assert.All(output[2..], v => Assert.Equal(0.0, v));
    }
}
