using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class WilliamsRTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        WilliamsR.Compute(bars.Highs(), bars.Lows(), bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Places_the_close_between_the_highest_high_at_0_and_the_lowest_low_at_minus_100()
    {
        var (high, low, close) = SmallBars.Hlc();
        var output = new double[high.Length];
        WilliamsR.Compute(high, low, close, 3, output);
        // bar 2: highest 12, lowest 8, close 10 → −100·(12 − 10)/4 = −50
        // bar 3: highest 13, lowest 9, close 12 → −100·(13 − 12)/4 = −25
        Assert.True(double.IsNaN(output[1]));
        Assert.Equal(-50.0, output[2], 12);
        Assert.Equal(-25.0, output[3], 12);
    }

    [Fact]
    public void Is_zero_when_the_range_is_zero_as_in_TA_Lib()
    {
        var bars = Bars.Flat(50, 5).Select(b => b with { High = 50, Low = 50 }).ToArray();
        var output = new double[5];
        WilliamsR.Compute(bars.Highs(), bars.Lows(), bars.Closes(), 3, output);
        Assert.All(output[2..], v => Assert.Equal(0.0, v));
    }
}
