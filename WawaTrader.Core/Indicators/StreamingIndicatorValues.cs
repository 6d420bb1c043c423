namespace WawaTrader.Core.Indicators;

/// <summary>
/// The indicator values of one symbol at the close of the latest bar added to an <see cref="IndicatorState"/>: the same
/// fields, units and NaN-for-warm-up convention as <see cref="IndicatorSnapshot"/>, but a value type, so reading it through
/// <see cref="IndicatorState.Current"/> allocates nothing. Call <see cref="ToSnapshot"/> once per decision for the record.
/// </summary>
public readonly record struct StreamingIndicatorValues(
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
    double VolumeRatio20)
{
    /// <summary>Values before any bar: every number NaN and <see cref="Time"/> = <see cref="DateTime.MinValue"/>.</summary>
    public static StreamingIndicatorValues Empty { get; } = new(DateTime.MinValue,
        double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
        double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>The values of <paramref name="snapshot"/> (a copy; no allocation).</summary>
    public static StreamingIndicatorValues From(IndicatorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.Time, snapshot.Close, snapshot.PreviousClose, snapshot.Sma20, snapshot.Sma50, snapshot.Ema20, snapshot.Rsi14,
            snapshot.Macd, snapshot.MacdSignal, snapshot.MacdHistogram, snapshot.BollingerUpper, snapshot.BollingerMiddle,
            snapshot.BollingerLower, snapshot.Atr14, snapshot.StdDev20, snapshot.Obv, snapshot.VolumeRatio20);
    }

    /// <summary>The same values as an <see cref="IndicatorSnapshot"/> record (one allocation).</summary>
    public IndicatorSnapshot ToSnapshot() => new(
        Time, Close, PreviousClose, Sma20, Sma50, Ema20, Rsi14, Macd, MacdSignal, MacdHistogram,
        BollingerUpper, BollingerMiddle, BollingerLower, Atr14, StdDev20, Obv, VolumeRatio20);
}
