using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class SmaKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) => IndicatorKernels.Sma(bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Averages_the_last_period_values()
    {
        var output = new double[5];
        IndicatorKernels.Sma([1, 2, 3, 4, 5], 3, output);
        Assert.Equal([double.NaN, double.NaN, 2, 3, 4], output);
    }

    [Fact]
    public void Refuses_to_write_over_its_input()
    {
        var values = new double[] { 1, 2, 3, 4 };
        Assert.Throws<ArgumentException>(() => IndicatorKernels.Sma(values, 2, values));
    }
}

public sealed class EmaKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) => IndicatorKernels.Ema(bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Is_seeded_with_the_SMA_then_smoothed_with_two_over_period_plus_one()
    {
        var output = new double[5];
        IndicatorKernels.Ema([2, 4, 6, 8, 4], 3, output); // seed (2+4+6)/3 = 4; k = 0.5
        Assert.Equal([double.NaN, double.NaN, 4, 6, 5], output);
    }
}

public sealed class StdDevKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) => IndicatorKernels.StdDev(bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Is_the_population_standard_deviation()
    {
        var output = new double[8];
        IndicatorKernels.StdDev([2, 4, 4, 4, 5, 5, 7, 9], 8, output); // mean 5, variance 32/8 = 4
        Assert.Equal(2.0, output[^1], 12);
    }

    [Fact]
    public void Is_zero_on_a_flat_series()
    {
        var output = new double[30];
        IndicatorKernels.StdDev(Bars.Flat(123.45, 30).Closes(), 20, output);
        Assert.All(output[19..], v => Assert.Equal(0.0, v));
    }
}

public sealed class BollingerKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output)
    {
        var close = bars.Closes();
        IndicatorKernels.Bollinger(close, period, 2.0, output, new double[output.Length], new double[output.Length]);
    }

    protected override int FirstValueIndex(int period) => period - 1;

    [Fact]
    public void Bands_are_k_population_deviations_around_the_SMA()
    {
        double[] upper = new double[8], middle = new double[8], lower = new double[8];
        IndicatorKernels.Bollinger([2, 4, 4, 4, 5, 5, 7, 9], 8, 2.0, upper, middle, lower);
        Assert.Equal(5.0, middle[^1], 12);
        Assert.Equal(9.0, upper[^1], 12);
        Assert.Equal(1.0, lower[^1], 12);
        Assert.True(double.IsNaN(upper[6]) && double.IsNaN(middle[6]) && double.IsNaN(lower[6]));
    }

    [Fact]
    public void Rejects_a_non_finite_width()
    {
        var n = 30;
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            IndicatorKernels.Bollinger(Wavy(n).Closes(), 20, double.NaN, new double[n], new double[n], new double[n]));
    }
}

public sealed class VolumeRatioKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) => IndicatorKernels.VolumeRatio(bars.Volumes(), period, output);

    protected override int FirstValueIndex(int period) => period - 1;

    protected override Bar Spoil(Bar bar, double bad) => bar with { Volume = bad };

    [Fact]
    public void Rejects_a_negative_volume_naming_its_bar()
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorKernels.VolumeRatio([1, 2, -3, 4], 2, new double[4]));
        Assert.Contains("volume[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Divides_volume_by_its_moving_average()
    {
        var output = new double[5];
        IndicatorKernels.VolumeRatio([1, 1, 1, 1, 4], 4, output);
        Assert.Equal(1.0, output[3]);
        Assert.Equal(4 / 1.75, output[4], 12);
    }

    [Fact]
    public void Has_no_value_where_the_average_volume_is_zero()
    {
        var output = new double[4];
        IndicatorKernels.VolumeRatio([0, 0, 0, 5], 2, output);
        Assert.True(double.IsNaN(output[1]));
        Assert.Equal(2.0, output[3]);
    }

    [Fact]
    public void Handles_volumes_beyond_int_range()
    {
        var output = new double[3];
        IndicatorKernels.VolumeRatio([1.1e10, 1.1e10, 2.2e10], 2, output);
        Assert.Equal(2.2e10 / 1.65e10, output[2], 12);
    }
}
