using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class DonchianChannelsTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        DonchianChannels.Compute(bars.Highs(), bars.Lows(), period, output, new double[output.Length], new double[output.Length]);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Bands_are_the_highest_high_and_lowest_low_including_the_current_bar()
    {
        var (high, low, _) = SmallBars.Hlc();
        double[] upper = new double[6], middle = new double[6], lower = new double[6];
        DonchianChannels.Compute(high, low, 3, upper, middle, lower);
        // highs 10 12 11 13 12 14, lows 8 10 9 11 10 12, windows of 3:
        // bar 2: 12 / 8; bar 3: 13 / 9; bar 4: 13 / 9; bar 5: 14 / 10; middle = (upper + lower)/2
        Assert.All([upper[1], middle[1], lower[1]], v => Assert.True(double.IsNaN(v)));
        Assert.Equal([12.0, 13, 13, 14], upper[2..]);
        Assert.Equal([8.0, 9, 9, 10], lower[2..]);
        Assert.Equal([10.0, 11, 11, 12], middle[2..]);
    }
}
