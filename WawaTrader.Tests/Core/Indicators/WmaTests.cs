using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class WmaTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) => Wma.Compute(bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Weights_the_newest_value_most()
    {
        var output = new double[5];
        Wma.Compute([1, 2, 3, 4, 5], 3, output);
        // (1·1 + 2·2 + 3·3)/6 = 14/6; (2·1 + 3·2 + 4·3)/6 = 20/6; (3·1 + 4·2 + 5·3)/6 = 26/6
        Assert.True(double.IsNaN(output[0]) && double.IsNaN(output[1]));
        Assert.Equal(14.0 / 6, output[2], 12);
        Assert.Equal(20.0 / 6, output[3], 12);
        Assert.Equal(26.0 / 6, output[4], 12);
    }

    [Fact]
    public void Period_one_is_the_input()
    {
        var output = new double[3];
        Wma.Compute([3, 1, 2], 1, output);
        Assert.Equal([3.0, 1, 2], output);
    }

    [Fact]
    public void Refuses_to_write_over_its_input()
    {
        var values = new double[] { 1, 2, 3, 4 };
        Assert.Throws<ArgumentException>(() => Wma.Compute(values, 2, values));
    }
}
