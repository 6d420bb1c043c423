using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class RocTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) => Roc.Compute(bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period;

    [Fact]
    public void Is_the_percent_change_over_the_period()
    {
        var output = new double[4];
        Roc.Compute([100, 110, 121, 99], 2, output);
        // (121/100 − 1)·100 = 21; (99/110 − 1)·100 = −10
        Assert.True(double.IsNaN(output[0]) && double.IsNaN(output[1]));
        Assert.Equal(21.0, output[2], 12);
        Assert.Equal(-10.0, output[3], 12);
    }

    [Fact]
    public void Is_zero_where_the_earlier_value_is_zero_as_in_TA_Lib()
    {
        var output = new double[3];
        Roc.Compute([5, 0, 50], 1, output);
        Assert.Equal(-100.0, output[1]);
        Assert.Equal(0.0, output[2]);
    }
}
