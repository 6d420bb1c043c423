using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

/// <summary>
/// Edge cases every period-based kernel must pass: empty input, warm-up length, a period below the minimum or longer
/// than the series (refused, not answered with NaN), a NaN/∞ input (refused, naming the bar), mismatched output length.
/// A subclass says how to run its kernel and where its first value is.
/// </summary>
public abstract class KernelContractTests
{
    /// <summary>Runs the kernel on <paramref name="bars"/> and writes its main output into <paramref name="output"/>.</summary>
    protected abstract void Compute(Bar[] bars, int period, double[] output);

    /// <summary>Index of the first defined value for <paramref name="period"/> (TA-Lib's lookback).</summary>
    protected abstract int FirstValueIndex(int period);

    /// <summary>The smallest period the kernel accepts.</summary>
    protected virtual int MinimumPeriod => 1;

    /// <summary>Makes bar <paramref name="bar"/> carry <paramref name="bad"/> in every input the kernel reads (by default
    /// the prices).</summary>
    protected virtual Bar Spoil(Bar bar, double bad) => bar with { High = bad, Low = bad, Close = bad };

    /// <summary>A series with movement in every bar (so no kernel hits a zero guard).</summary>
    protected static Bar[] Wavy(int count) =>
        Bars.FromClosesAndVolumes(
            Enumerable.Range(0, count).Select(i => 100 + 5 * Math.Sin(i * 0.7) + 0.1 * i).ToArray(),
            Enumerable.Range(0, count).Select(i => 1_000_000.0 + 10_000 * (i % 7)).ToArray());

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        var output = Array.Empty<double>();
        Compute([], Math.Max(5, MinimumPeriod), output);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(14)]
    public void Warm_up_cells_are_NaN_and_values_start_at_the_lookback(int period)
    {
        period = Math.Max(period, MinimumPeriod);
        var bars = Wavy(80);
        var output = new double[bars.Length];
        Array.Fill(output, 42.0);
        Compute(bars, period, output);

        var first = FirstValueIndex(period);
        Assert.All(output[..first], v => Assert.True(double.IsNaN(v)));
        Assert.All(output[first..], v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Rejects_a_period_below_one(int period)
    {
        var bars = Wavy(30);
        Assert.Throws<ArgumentOutOfRangeException>(() => Compute(bars, period, new double[bars.Length]));
    }

    [Fact]
    public void Rejects_a_period_just_below_its_minimum()
    {
        var bars = Wavy(30);
        Assert.Throws<ArgumentOutOfRangeException>(() => Compute(bars, MinimumPeriod - 1, new double[bars.Length]));
    }

    [Fact]
    public void Rejects_a_period_longer_than_the_series_with_a_message_saying_so()
    {
        var bars = Wavy(10);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Compute(bars, 11, new double[bars.Length]));
        Assert.Contains("longer than the series (10 bars)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_period_as_long_as_the_series()
    {
        var bars = Wavy(12);
        var output = new double[bars.Length];
        Compute(bars, 12, output);
        var first = Math.Min(FirstValueIndex(12), bars.Length);
        Assert.All(output[..first], v => Assert.True(double.IsNaN(v)));
        Assert.All(output[first..], v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void A_series_exactly_as_long_as_the_lookback_has_one_value()
    {
        const int period = 6;
        var bars = Wavy(FirstValueIndex(period) + 1);
        var output = new double[bars.Length];
        Compute(bars, period, output);
        Assert.Equal(1, output.Count(double.IsFinite));
        Assert.True(double.IsFinite(output[^1]));
    }

    [Fact]
    public void Rejects_an_output_of_another_length()
    {
        var bars = Wavy(30);
        Assert.Throws<ArgumentException>(() => Compute(bars, 5, new double[bars.Length - 1]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_a_non_finite_price_naming_its_bar(double bad)
    {
        var bars = Wavy(30);
        bars[7] = Spoil(bars[7], bad);
        var error = Assert.Throws<ArgumentException>(() => Compute(bars, 5, new double[bars.Length]));
        Assert.Contains("[7]", error.Message, StringComparison.Ordinal);
    }
}
