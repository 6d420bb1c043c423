using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class AdxTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        Adx.Compute(bars.Highs(), bars.Lows(), bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => (2 * period) - 1;

    protected override int MinimumPeriod => 2;

    // Hand-worked on SmallBars with period 2 (TR = max(high − low, |high − prev close|, |low − prev close|)):
    //  bar 1: +DM 2 (12 − 10 beats 8 − 10), TR 3 → sums after the first period − 1 = 1 bar: +DM 2, −DM 0, TR 3
    //  bar 2: −DM 1 (10 − 9 beats 11 − 12), TR 2 → +DM 2 − 2/2 = 1, −DM 0 − 0 + 1 = 1, TR 3 − 1.5 + 2 = 3.5
    //         +DI = −DI = 100/3.5 = 200/7, DX = 0
    //  bar 3: +DM 2, TR 3 → +DM 1 − 0.5 + 2 = 2.5, −DM 0.5, TR 3.5 − 1.75 + 3 = 4.75
    //         +DI = 250/4.75 = 1000/19, −DI = 50/4.75 = 200/19, DX = 100·200/300 = 200/3; first ADX = (0 + 200/3)/2 = 100/3
    //  bar 4: −DM 1, TR 2 → +DM 1.25, −DM 1.25, TR 4.375, DX = 0 → ADX = (100/3 · 1 + 0)/2 = 50/3
    [Fact]
    public void Matches_the_hand_worked_values()
    {
        var (high, low, close) = SmallBars.Hlc();
        double[] adx = new double[6], plus = new double[6], minus = new double[6];
        Adx.Compute(high, low, close, 2, adx, plus, minus);

        Assert.All(adx[..3], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(100.0 / 3, adx[3], 10);
        Assert.Equal(50.0 / 3, adx[4], 10);
        Assert.All(plus[..2], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(200.0 / 7, plus[2], 10);
        Assert.Equal(200.0 / 7, minus[2], 10);
        Assert.Equal(1000.0 / 19, plus[3], 10);
        Assert.Equal(200.0 / 19, minus[3], 10);
    }

    [Fact]
    public void Single_line_kernels_agree_with_the_one_pass_version()
    {
        var bars = Wavy(60);
        var (high, low, close) = (bars.Highs(), bars.Lows(), bars.Closes());
        double[] adx = new double[60], plus = new double[60], minus = new double[60];
        Adx.Compute(high, low, close, 14, adx, plus, minus);
        double[] adxAlone = new double[60], plusAlone = new double[60], minusAlone = new double[60];
        Adx.Compute(high, low, close, 14, adxAlone);
        Adx.PlusDi(high, low, close, 14, plusAlone);
        Adx.MinusDi(high, low, close, 14, minusAlone);
        Assert.Equal(adx, adxAlone);
        Assert.Equal(plus, plusAlone);
        Assert.Equal(minus, minusAlone);
    }

    [Fact]
    public void A_steady_rise_has_only_plus_DI_and_an_ADX_of_100()
    {
        var bars = Bars.Trending(0.5, 40);
        double[] adx = new double[40], plus = new double[40], minus = new double[40];
        Adx.Compute(bars.Highs(), bars.Lows(), bars.Closes(), 14, adx, plus, minus);
        Assert.All(minus[14..], v => Assert.Equal(0.0, v));
        Assert.All(plus[14..], v => Assert.True(v > 0));
        Assert.All(adx[27..], v => Assert.Equal(100.0, v, 9));
    }
}

public sealed class PlusDiTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        Adx.PlusDi(bars.Highs(), bars.Lows(), bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period;

    protected override int MinimumPeriod => 2;
}

public sealed class MinusDiTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        Adx.MinusDi(bars.Highs(), bars.Lows(), bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period;

    protected override int MinimumPeriod => 2;
}
