using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Indicators;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Indicators;

public sealed class IndicatorCalculatorTests
{
    [Fact]
    public void Snapshot_at_the_last_bar_matches_TA_Lib()
    {
        var reference = TaLibReference.Load("SPY-2017-2018-daily.talib.csv");
        var bars = reference.Bars;

        var snapshot = new IndicatorCalculator().Compute(bars);

        var last = bars[^1];
        Assert.Equal(last.Time, snapshot.Time);
        Assert.Equal(last.Close, snapshot.Close);
        Assert.Equal(bars[^2].Close, snapshot.PreviousClose);
        var expected = new Dictionary<string, double>
        {
            ["SMA20"] = snapshot.Sma20, ["EMA20"] = snapshot.Ema20, ["RSI14"] = snapshot.Rsi14,
            ["MACD"] = snapshot.Macd, ["MACDSignal"] = snapshot.MacdSignal, ["MACDHist"] = snapshot.MacdHistogram,
            ["BBUpper"] = snapshot.BollingerUpper, ["BBMiddle"] = snapshot.BollingerMiddle, ["BBLower"] = snapshot.BollingerLower,
            ["ATR14"] = snapshot.Atr14, ["StdDev20"] = snapshot.StdDev20, ["OBV"] = snapshot.Obv, ["VolumeRatio20"] = snapshot.VolumeRatio20,
        };
        foreach (var (column, ours) in expected)
        {
            var talib = reference.Columns[column][^1];
            var scale = column switch { "RSI14" => 100, "OBV" => last.Volume, "VolumeRatio20" => 1, _ => last.Close };
            Assert.True(Math.Abs(ours - talib) <= 1e-9 * Math.Max(Math.Abs(talib), scale), $"{column}: ours {ours}, TA-Lib {talib}");
        }
        Assert.Equal(bars.TakeLast(50).Average(b => b.Close), snapshot.Sma50, 9);
    }

    [Fact]
    public void Values_not_yet_defined_for_a_short_series_are_NaN()
    {
        var snapshot = new IndicatorCalculator().Compute(Bars.Trending(0.2, 25));

        Assert.True(double.IsFinite(snapshot.Sma20));
        Assert.True(double.IsFinite(snapshot.Rsi14));
        Assert.True(double.IsFinite(snapshot.Atr14));
        Assert.True(double.IsNaN(snapshot.Sma50));
        Assert.True(double.IsNaN(snapshot.Macd));
        Assert.True(double.IsNaN(snapshot.MacdSignal));
        Assert.True(double.IsNaN(snapshot.MacdHistogram));
    }

    [Fact]
    public void A_single_bar_has_no_previous_close_but_has_OBV()
    {
        var snapshot = new IndicatorCalculator().Compute(Bars.Flat(10, 1, volume: 777));
        Assert.True(double.IsNaN(snapshot.PreviousClose));
        Assert.Equal(777, snapshot.Obv);
        Assert.True(double.IsNaN(snapshot.Sma20));
    }

    [Fact]
    public void A_reused_instance_gives_the_same_snapshot_as_a_fresh_one()
    {
        var calculator = new IndicatorCalculator();
        calculator.Compute(Bars.Trending(0.3, 300));
        var shorter = Bars.Trending(-0.1, 120, startPrice: 50);

        var reused = calculator.Compute(shorter);
        var fresh = new IndicatorCalculator().Compute(shorter);

        Assert.Equal(fresh, reused);
    }

    [Fact]
    public void Rejects_an_empty_series()
    {
        Assert.Throws<ArgumentException>(() => new IndicatorCalculator().Compute([]));
    }

    [Fact]
    public void Rejects_an_invalid_series_naming_the_bar()
    {
        var bars = Bars.Trending(0.1, 30);
        bars[12] = bars[12] with { Close = double.NaN };
        var error = Assert.Throws<InvalidBarSeriesException>(() => new IndicatorCalculator().Compute(bars));
        Assert.Equal(12, error.Index);
    }

    [Fact]
    public void AddIndicators_gives_each_consumer_its_own_calculator()
    {
        using var provider = new ServiceCollection().AddIndicators().BuildServiceProvider();
        var first = provider.GetRequiredService<IndicatorCalculator>();
        var second = provider.GetRequiredService<IndicatorCalculator>();
        Assert.NotSame(first, second);
    }
}
