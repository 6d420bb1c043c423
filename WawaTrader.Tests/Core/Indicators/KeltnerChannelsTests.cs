using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class KeltnerChannelsTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        KeltnerChannels.Compute(bars.Highs(), bars.Lows(), bars.Closes(), period, period, 2, output, new double[output.Length], new double[output.Length]);

    protected override int FirstValueIndex(int period) => Math.Max(period - 1, period);

    [Fact]
    public void Bands_are_the_EMA_of_the_close_plus_minus_a_multiple_of_the_ATR()
    {
        var (high, low, close) = SmallBars.Hlc();
        double[] upper = new double[6], middle = new double[6], lower = new double[6];
        KeltnerChannels.Compute(high, low, close, 2, 2, 2, upper, middle, lower);
        // EMA(2), k = 2/3: seed (9 + 11)/2 = 10 at bar 1; bar 2: 10 + 2/3·(10 − 10) = 10; bar 3: 10 + 2/3·(12 − 10) = 34/3
        // TR: bar 1 max(2, |12 − 9|, |10 − 9|) = 3; bar 2 max(2, 0, 2) = 2; bar 3 max(2, 3, 1) = 3
        // ATR(2): bar 2 (3 + 2)/2 = 2.5; bar 3 (2.5 + 3)/2 = 2.75. Bands start at max(2 − 1, 2) = 2.
        Assert.All([upper[1], middle[1], lower[1]], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(10.0, middle[2], 12);
        Assert.Equal(15.0, upper[2], 12);
        Assert.Equal(5.0, lower[2], 12);
        Assert.Equal(34.0 / 3, middle[3], 12);
        Assert.Equal(34.0 / 3 + 5.5, upper[3], 12);
        Assert.Equal(34.0 / 3 - 5.5, lower[3], 12);
    }

    [Fact]
    public void Middle_line_is_the_TA_Lib_EMA_and_the_width_the_TA_Lib_ATR()
    {
        var bars = Wavy(80);
        var (high, low, close) = (bars.Highs(), bars.Lows(), bars.Closes());
        double[] upper = new double[80], middle = new double[80], lower = new double[80];
        KeltnerChannels.Compute(high, low, close, 20, 10, 2, upper, middle, lower);
        double[] ema = new double[80], atr = new double[80];
        IndicatorKernels.Ema(close, 20, ema);
        IndicatorKernels.Atr(high, low, close, 10, atr);
        Assert.Equal(ema[19..], middle[19..]);
        for (var i = 19; i < 80; i++) Assert.Equal(2 * atr[i], upper[i] - middle[i], 9);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void Rejects_a_negative_or_non_finite_multiplier(double multiplier)
    {
        var (high, low, close) = SmallBars.Hlc();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            KeltnerChannels.Compute(high, low, close, 2, 2, multiplier, new double[6], new double[6], new double[6]));
    }
}
