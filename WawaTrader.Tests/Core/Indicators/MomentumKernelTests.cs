using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class RsiKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output) => IndicatorKernels.Rsi(bars.Closes(), period, output);

    protected override int FirstValueIndex(int period) => period;

    [Fact]
    public void Seeds_with_plain_means_then_smooths_the_Wilder_way()
    {
        var output = new double[4];
        IndicatorKernels.Rsi([1, 2, 1, 3], 2, output); // changes +1, −1, +2
        Assert.Equal(50.0, output[2], 12);               // gain 0.5, loss 0.5
        Assert.Equal(100 * 1.25 / 1.5, output[3], 12);   // gain (0.5+2)/2, loss (0.5+0)/2
    }

    [Fact]
    public void Accepts_a_series_exactly_as_long_as_the_period_and_gives_all_NaN()
    {
        var output = new double[14];
        IndicatorKernels.Rsi(Wavy(14).Closes(), 14, output);
        Assert.All(output, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Is_100_on_a_series_that_only_rises()
    {
        var output = new double[40];
        IndicatorKernels.Rsi(Bars.Trending(0.5, 40).Closes(), 14, output);
        Assert.All(output[14..], v => Assert.Equal(100.0, v));
    }

    [Fact]
    public void Is_0_on_a_flat_series_as_TA_Lib_guards_it()
    {
        var output = new double[40];
        IndicatorKernels.Rsi(Bars.Flat(50, 40).Closes(), 14, output);
        Assert.All(output[14..], v => Assert.Equal(0.0, v));
    }
}

/// <summary>MACD through the contract with slow = period (the one that must fit the series), fast = ⌈period/2⌉,
/// signal = period.</summary>
public sealed class MacdKernelTests : KernelContractTests
{
    protected override void Compute(Bar[] bars, int period, double[] output)
    {
        var close = bars.Closes();
        IndicatorKernels.Macd(close, (period + 1) / 2, period, period, output, new double[output.Length], new double[output.Length]);
    }

    protected override int FirstValueIndex(int period) => (period - 1) + (period - 1);

    [Fact]
    public void Accepts_a_slow_period_as_long_as_the_series_and_gives_all_NaN_until_the_signal_exists()
    {
        var n = 26;
        double[] macd = new double[n], signal = new double[n], hist = new double[n];
        IndicatorKernels.Macd(Wavy(n).Closes(), 12, 26, 9, macd, signal, hist);
        Assert.All(macd.Concat(signal).Concat(hist), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Rejects_a_slow_period_longer_than_the_series_naming_it()
    {
        var n = 25;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            IndicatorKernels.Macd(Wavy(n).Closes(), 12, 26, 9, new double[n], new double[n], new double[n]));
        Assert.Equal("slow", error.ParamName);
    }

    [Fact]
    public void Seeds_the_fast_EMA_at_the_slow_seed_index_and_reports_from_the_signal()
    {
        var close = Wavy(120).Closes();
        var n = close.Length;
        double[] macd = new double[n], signal = new double[n], hist = new double[n];
        IndicatorKernels.Macd(close, 12, 26, 9, macd, signal, hist);

        // The fast EMA is an EMA(12) started at bar 14, so its SMA seed covers bars 14…25.
        var fastFrom14 = new double[n - 14];
        IndicatorKernels.Ema(close.AsSpan(14), 12, fastFrom14);
        var slow = new double[n];
        IndicatorKernels.Ema(close, 26, slow);
        var line = Enumerable.Range(25, n - 25).Select(i => fastFrom14[i - 14] - slow[i]).ToArray();
        var expectedSignal = new double[line.Length];
        IndicatorKernels.Ema(line, 9, expectedSignal);

        Assert.All(macd[..33].Concat(signal[..33]).Concat(hist[..33]), v => Assert.True(double.IsNaN(v)));
        for (var i = 33; i < n; i++)
        {
            Assert.Equal(line[i - 25], macd[i]);
            Assert.Equal(expectedSignal[i - 25], signal[i]);
            Assert.Equal(macd[i] - signal[i], hist[i]);
        }
    }

    [Fact]
    public void Swaps_a_fast_period_longer_than_the_slow_one_as_TA_Lib_does()
    {
        var close = Wavy(80).Closes();
        var n = close.Length;
        double[] m1 = new double[n], s1 = new double[n], h1 = new double[n], m2 = new double[n], s2 = new double[n], h2 = new double[n];
        IndicatorKernels.Macd(close, 12, 26, 9, m1, s1, h1);
        IndicatorKernels.Macd(close, 26, 12, 9, m2, s2, h2);
        Assert.Equal(m1, m2);
        Assert.Equal(s1, s2);
    }

    [Theory]
    [InlineData(0, 26, 9)]
    [InlineData(12, 0, 9)]
    [InlineData(12, 26, 0)]
    public void Rejects_any_period_below_one(int fast, int slow, int signal)
    {
        var n = 60;
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            IndicatorKernels.Macd(Wavy(n).Closes(), fast, slow, signal, new double[n], new double[n], new double[n]));
    }
}
