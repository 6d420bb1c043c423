using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class CciTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        Cci.Compute(bars.Highs(), bars.Lows(), bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Divides_the_distance_from_the_mean_by_0_015_mean_deviations()
    {
        // High = low = close, so the typical price is the close.
        double[] price = [1, 2, 3, 2];
        var output = new double[4];
        Cci.Compute(price, price.ToArray(), price.ToArray(), 3, output);
        // [1,2,3]: mean 2, mean deviation (1 + 0 + 1)/3 = 2/3, CCI = (3 − 2)/(0.015·2/3) = 100
        // [2,3,2]: mean 7/3, mean deviation (1/3 + 2/3 + 1/3)/3 = 4/9, CCI = (2 − 7/3)/(0.015·4/9) = −50
        Assert.True(double.IsNaN(output[0]) && double.IsNaN(output[1]));
        Assert.Equal(100.0, output[2], 9);
        Assert.Equal(-50.0, output[3], 9);
    }

    [Fact]
    public void Is_zero_on_a_flat_series()
    {
        var bars = Bars.Flat(50, 20);
        var output = new double[20];
        Cci.Compute(bars.Highs(), bars.Lows(), bars.Closes(), 14, output);
        Assert.All(output[13..], v => Assert.Equal(0.0, v));
    }
}
