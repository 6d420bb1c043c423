namespace WawaTrader.Core.Market;

/// <summary>
/// One OHLCV bar. <see cref="Time"/> is the bar's open time in market time, stored as UTC.
/// Prices are in the instrument's currency (double: indicator maths); volume is shares (double, up to ~1e10).
/// </summary>
public readonly record struct Bar(DateTime Time, double Open, double High, double Low, double Close, double Volume);
