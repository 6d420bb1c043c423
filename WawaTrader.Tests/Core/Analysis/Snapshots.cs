using WawaTrader.Core.Indicators;

namespace WawaTrader.Tests.Core.Analysis;

/// <summary>
/// Indicator snapshots for analyst tests. <see cref="Neutral"/> gives every indicator a neutral reading (score 0);
/// tests change what matters with <c>with</c>: <c>Snapshots.Neutral() with { Rsi14 = 25 }</c>.
/// Default weights: RSI 2, MACD 1.5, Bollinger 1.5, trend 1.5, EMA 0.5 (max 7); action threshold 2.5.
/// </summary>
internal static class Snapshots
{
    public static IndicatorSnapshot Neutral() => new(
        Time: new DateTime(2024, 3, 1, 21, 0, 0, DateTimeKind.Utc),
        Close: 100, PreviousClose: 100,
        Sma20: 100, Sma50: 100, Ema20: 100,
        Rsi14: 50,
        Macd: 0, MacdSignal: 0, MacdHistogram: 0,
        BollingerUpper: 104, BollingerMiddle: 100, BollingerLower: 96,
        Atr14: 2, StdDev20: 2, Obv: 0, VolumeRatio20: 1);

    /// <summary>RSI oversold (+2), MACD above signal (+1.5), close below the lower band (+1.5), uptrend (+1.5), close below EMA20 (−0.5): net +6.</summary>
    public static IndicatorSnapshot Bullish() => Neutral() with
    {
        Close = 95.5, Rsi14 = 25, Macd = 0.5, MacdSignal = 0.3, MacdHistogram = 0.2, Sma20 = 102,
    };

    /// <summary>RSI overbought (−2), MACD below signal (−1.5), close above the upper band (−1.5), downtrend (−1.5), close above EMA20 (+0.5): net −6.</summary>
    public static IndicatorSnapshot Bearish() => Neutral() with
    {
        Close = 104.5, Rsi14 = 78, Macd = -0.5, MacdSignal = -0.3, MacdHistogram = -0.2, Sma20 = 98,
    };

    /// <summary>RSI oversold (+2) and uptrend (+1.5) against MACD below signal (−1.5) and close below EMA20 (−0.5): net +1.5.</summary>
    public static IndicatorSnapshot Mixed() => Neutral() with
    {
        Close = 99, Rsi14 = 25, Macd = -0.5, MacdSignal = -0.3, MacdHistogram = -0.2, Sma20 = 102,
    };

    /// <summary>Early bars: only the Bollinger bands and EMA20 are defined.</summary>
    public static IndicatorSnapshot WarmingUp() => Neutral() with
    {
        Sma50 = double.NaN, Rsi14 = double.NaN, Macd = double.NaN, MacdSignal = double.NaN, MacdHistogram = double.NaN, Atr14 = double.NaN,
    };
}
