using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class AtrKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) =>
        IndicatorKernels.Atr(bars.Highs(), bars.Lows(), bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period;

    [Fact]
    public void Averages_true_ranges_from_bar_one_then_smooths_the_Wilder_way()
    {
        double[] high = [10, 12, 11, 15], low = [9, 10, 8, 14], close = [9.5, 11, 10, 14.5];
        // TR(1) = max(2, |12−9.5|, |10−9.5|) = 2.5; TR(2) = max(3, 0, 3) = 3; TR(3) = max(1, 5, 4) = 5
        var output = new double[4];
        IndicatorKernels.Atr(high, low, close, 2, output);
        Assert.True(double.IsNaN(output[0]) && double.IsNaN(output[1]));
        Assert.Equal(2.75, output[2], 12);
        Assert.Equal((2.75 + 5) / 2, output[3], 12);
    }

    [Fact]
    public void Accepts_a_series_exactly_as_long_as_the_period_and_gives_all_NaN()
    {
        var bars = Wavy(14);
        var output = new double[14];
        Compute(bars, 14, output);
        Assert.All(output, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Rejects_a_high_below_its_low_naming_the_bar()
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorKernels.Atr([10, 9, 11], [9, 10, 10], [9.5, 9.5, 10.5], 1, new double[3]));
        Assert.Contains("high[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_high_low_and_close_of_different_lengths()
    {
        Assert.Throws<ArgumentException>(() => IndicatorKernels.Atr([1, 2, 3], [1, 2], [1, 2, 3], 1, new double[3]));
    }
}

public sealed class ObvKernelTests
{
    [Fact]
    public void Starts_at_the_first_bar_volume_like_TA_Lib()
    {
        var output = new double[1];
        IndicatorKernels.Obv([10], [500], output);
        Assert.Equal(500, output[0]);
    }

    [Fact]
    public void Adds_volume_on_a_rise_subtracts_on_a_fall_and_holds_when_unchanged()
    {
        var output = new double[5];
        IndicatorKernels.Obv([10, 11, 11, 9, 12], [100, 20, 30, 5, 1.1e10], output);
        Assert.Equal([100, 120, 120, 115, 115 + 1.1e10], output);
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        IndicatorKernels.Obv([], [], Span<double>.Empty);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_a_non_finite_close_or_volume_naming_its_bar(double bad)
    {
        var closeError = Assert.Throws<ArgumentException>(() => IndicatorKernels.Obv([1, 2, bad], [1, 1, 1], new double[3]));
        Assert.Contains("close[2]", closeError.Message, StringComparison.Ordinal);
        var volumeError = Assert.Throws<ArgumentException>(() => IndicatorKernels.Obv([1, 2, 3], [1, bad, 1], new double[3]));
        Assert.Contains("volume[1]", volumeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_negative_volume_naming_its_bar()
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorKernels.Obv([1, 2, 3], [1, 1, -1], new double[3]));
        Assert.Contains("volume[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_volume_or_output_of_another_length()
    {
        Assert.Throws<ArgumentException>(() => IndicatorKernels.Obv([1, 2], [1], new double[2]));
        Assert.Throws<ArgumentException>(() => IndicatorKernels.Obv([1, 2], [1, 2], new double[3]));
    }

    [Fact]
    public void Matches_a_running_sum_over_a_trending_series()
    {
        var bars = Bars.Trending(-0.2, 50, volume: 3e9);
        var output = new double[bars.Length];
        IndicatorKernels.Obv(bars.Closes(), bars.Volumes(), output);
        Assert.Equal(3e9 - 49 * 3e9, output[^1]);
    }
}
