using WawaTrader.Core.Indicators;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class VwapTests
{
    // SmallBars: typical prices 9, 11, 10, 12, 32/3, 13; volumes 100, 200, 300, 100, 400, 0.
    // TP·volume: 900, 2200, 3000, 1200, 12800/3, 0.
    [Fact]
    public void Accumulates_typical_price_times_volume_over_volume()
    {
        var (high, low, close) = SmallBars.Hlc();
        var output = new double[6];
        Vwap.Compute(high, low, close, SmallBars.Volume(), output);
        // 900/100; 3100/300; 6100/600; 7300/700; (7300 + 12800/3)/1100 = 34700/3300; unchanged on a bar without volume
        Assert.Equal(9.0, output[0], 12);
        Assert.Equal(3100.0 / 300, output[1], 12);
        Assert.Equal(6100.0 / 600, output[2], 12);
        Assert.Equal(7300.0 / 700, output[3], 12);
        Assert.Equal(34700.0 / 3300, output[4], 12);
        Assert.Equal(34700.0 / 3300, output[5], 12);
    }

    [Fact]
    public void Session_version_restarts_when_the_date_changes()
    {
        var (high, low, close) = SmallBars.Hlc();
        var day1 = new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);
        var day2 = day1.AddDays(1);
        DateTime[] time = [day1, day1.AddMinutes(1), day1.AddMinutes(2), day2, day2.AddMinutes(1), day2.AddMinutes(2)];
        var output = new double[6];
        Vwap.Compute(time, high, low, close, SmallBars.Volume(), output);
        // day 1 as the cumulative VWAP; day 2: 1200/100 = 12; (1200 + 12800/3)/500 = 16400/1500; unchanged
        Assert.Equal(6100.0 / 600, output[2], 12);
        Assert.Equal(12.0, output[3], 12);
        Assert.Equal(16400.0 / 1500, output[4], 12);
        Assert.Equal(16400.0 / 1500, output[5], 12);
    }

    [Fact]
    public void Has_no_value_before_the_first_traded_volume()
    {
        var (high, low, close) = SmallBars.Hlc();
        var output = new double[6];
        Vwap.Compute(high, low, close, [0, 0, 300, 100, 400, 0], output);
        Assert.True(double.IsNaN(output[0]) && double.IsNaN(output[1]));
        Assert.Equal(10.0, output[2], 12);
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        var output = Array.Empty<double>();
        Vwap.Compute([], [], [], [], output);
        Vwap.Compute([], [], [], [], [], output);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_a_non_finite_volume_naming_its_bar(double bad)
    {
        var (high, low, close) = SmallBars.Hlc();
        var volume = SmallBars.Volume();
        volume[4] = bad;
        var error = Assert.Throws<ArgumentException>(() => Vwap.Compute(high, low, close, volume, new double[6]));
        Assert.Contains("volume[4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_times_out_of_order()
    {
        var (high, low, close) = SmallBars.Hlc();
        var t = new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);
        DateTime[] time = [t, t.AddMinutes(1), t.AddMinutes(2), t.AddMinutes(1), t.AddMinutes(4), t.AddMinutes(5)];
        var error = Assert.Throws<ArgumentException>(() => Vwap.Compute(time, high, low, close, SmallBars.Volume(), new double[6]));
        Assert.Contains("time[3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_spans_of_other_lengths()
    {
        var (high, low, close) = SmallBars.Hlc();
        Assert.Throws<ArgumentException>(() => Vwap.Compute(high, low, close, SmallBars.Volume(), new double[5]));
        Assert.Throws<ArgumentException>(() => Vwap.Compute(high, low, close, [1, 2, 3], new double[6]));
        Assert.Throws<ArgumentException>(() => Vwap.Compute(new DateTime[5], high, low, close, SmallBars.Volume(), new double[6]));
    }
}
