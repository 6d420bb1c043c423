namespace WawaTrader.Core.Indicators;

/// <summary>
/// The indicator values of one symbol at the close of one bar. NaN means "not yet defined" (warm-up).
/// Periods follow the seed set: SMA/EMA/Bollinger/StdDev/volume ratio over 20 bars, RSI and ATR over 14 (Wilder),
/// MACD 12/26/9, SMA 50 as the trend filter. Prices in the instrument's currency; RSI in 0–100; OBV in shares.
/// </summary>
public sealed record IndicatorSnapshot(
    DateTime Time,
    double Close,
    double PreviousClose,
    double Sma20,
    double Sma50,
    double Ema20,
    double Rsi14,
    double Macd,
    double MacdSignal,
    double MacdHistogram,
    double BollingerUpper,
    double BollingerMiddle,
    double BollingerLower,
    double Atr14,
    double StdDev20,
    double Obv,
    double VolumeRatio20);
