using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class StochasticFastKTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        Stochastic.FastK(bars.Highs(), bars.Lows(), bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Places_the_close_between_the_lowest_low_at_0_and_the_highest_high_at_100()
    {
        var (high, low, close) = SmallBars.Hlc();
        var output = new double[high.Length];
        Stochastic.FastK(high, low, close, 3, output);
        // bar 2: 100·(10 − 8)/(12 − 8) = 50; bar 3: 100·(12 − 9)/(13 − 9) = 75;
        // bar 4: 100·(10 − 9)/(13 − 9) = 25; bar 5: 100·(13 − 10)/(14 − 10) = 75
        Assert.True(double.IsNaN(output[1]));
        Assert.Equal([50.0, 75, 25, 75], output[2..].Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void Is_zero_when_the_range_is_zero_as_in_TA_Lib()
    {
        double[] flat = [7, 7, 7, 7];
        var output = new double[4];
        Stochastic.FastK(flat, flat.ToArray(), flat.ToArray(), 2, output);
        Assert.All(output[1..], v => Assert.Equal(0.0, v));
    }
}

public sealed class StochasticSlowTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        Stochastic.Slow(bars.Highs(), bars.Lows(), bars.Closes(), period, 3, 3, output, new double[output.Length]);

    protected override int FirstValueIndex(int period) => period - 1 + 2 + 2;

    [Fact]
    public void Slow_K_and_D_are_moving_averages_of_fast_K_both_shown_from_TA_Libs_first_index()
    {
        var (high, low, close) = SmallBars.Hlc();
        double[] slowK = new double[6], slowD = new double[6];
        Stochastic.Slow(high, low, close, 3, 2, 2, slowK, slowD);
        // fast %K(3) from bar 2: 50, 75, 25, 75. slow %K = SMA(2): bar 3 62.5, bar 4 50, bar 5 50.
        // slow %D = SMA(2) of slow %K: bar 4 (62.5 + 50)/2 = 56.25, bar 5 50. TA-Lib shows both from bar (3−1)+(2−1)+(2−1) = 4.
        Assert.All(slowK[..4], v => Assert.True(double.IsNaN(v)));
        Assert.All(slowD[..4], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(50.0, slowK[4], 9);
        Assert.Equal(50.0, slowK[5], 9);
        Assert.Equal(56.25, slowD[4], 9);
        Assert.Equal(50.0, slowD[5], 9);
    }

    [Fact]
    public void Rejects_slow_periods_below_one()
    {
        var (high, low, close) = SmallBars.Hlc();
        Assert.Throws<ArgumentOutOfRangeException>(() => Stochastic.Slow(high, low, close, 3, 0, 2, new double[6], new double[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Stochastic.Slow(high, low, close, 3, 2, 0, new double[6], new double[6]));
    }

    [Fact]
    public void Refuses_the_same_span_for_K_and_D()
    {
        var (high, low, close) = SmallBars.Hlc();
        var both = new double[6];
        Assert.Throws<ArgumentException>(() => Stochastic.Slow(high, low, close, 3, 2, 2, both, both));
    }
}
