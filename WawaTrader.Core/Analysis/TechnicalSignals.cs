using System.Globalization;
using WawaTrader.Core.Indicators;

namespace WawaTrader.Core.Analysis;

/// <summary>One directional indicator's contribution: signed score points (+ bullish, − bearish, 0 neutral) and what it saw, with values.</summary>
internal readonly record struct Signal(string Indicator, double Score, string Description);

/// <summary>
/// What the indicators of one snapshot say: the directional signals that were defined, the names of the inputs that
/// were not (NaN, still warming up), and the volume ratio (NaN when undefined), which only confirms and never directs.
/// </summary>
internal sealed record SignalReading(IReadOnlyList<Signal> Signals, IReadOnlyList<string> Unavailable, double VolumeRatio)
{
    /// <summary>The number of directional indicators the model knows (RSI, MACD, Bollinger, trend, EMA).</summary>
    public const int DirectionalCount = 5;

    public double NetScore => Signals.Sum(s => s.Score);

    public int Available => Signals.Count;
}

/// <summary>The per-indicator rules of the technical analyst. Pure functions of a snapshot and the options.</summary>
internal static class TechnicalSignals
{
    public static SignalReading Read(IndicatorSnapshot s, TechnicalAnalystOptions o)
    {
        var signals = new List<Signal>(SignalReading.DirectionalCount);
        var unavailable = new List<string>();

        if (Defined(unavailable, ("RSI14", s.Rsi14)))
        {
            var rsi = s.Rsi14;
            signals.Add(rsi <= o.RsiOversold ? new("RSI14", o.RsiWeight, $"RSI14 {F1(rsi)} oversold (<= {N(o.RsiOversold)})")
                : rsi >= o.RsiOverbought ? new("RSI14", -o.RsiWeight, $"RSI14 {F1(rsi)} overbought (>= {N(o.RsiOverbought)})")
                : new("RSI14", 0, $"RSI14 {F1(rsi)} neutral"));
        }

        if (Defined(unavailable, ("MACD", s.Macd), ("MACD signal", s.MacdSignal)))
        {
            var diff = s.Macd - s.MacdSignal;
            var histogram = double.IsFinite(s.MacdHistogram) ? s.MacdHistogram : diff;
            var values = $"MACD {M(s.Macd)} vs signal {M(s.MacdSignal)}, histogram {Signed(histogram)}";
            signals.Add(diff > 0 ? new("MACD", o.MacdWeight, $"MACD above its signal line, bullish ({values})")
                : diff < 0 ? new("MACD", -o.MacdWeight, $"MACD below its signal line, bearish ({values})")
                : new("MACD", 0, $"MACD on its signal line ({values})"));
        }

        if (Defined(unavailable, ("close", s.Close), ("Bollinger lower", s.BollingerLower), ("Bollinger upper", s.BollingerUpper)))
        {
            signals.Add(s.Close < s.BollingerLower ? new("Bollinger", o.BollingerWeight, $"close {P(s.Close)} below lower Bollinger {P(s.BollingerLower)}")
                : s.Close > s.BollingerUpper ? new("Bollinger", -o.BollingerWeight, $"close {P(s.Close)} above upper Bollinger {P(s.BollingerUpper)}")
                : new("Bollinger", 0, $"close {P(s.Close)} inside Bollinger {P(s.BollingerLower)}-{P(s.BollingerUpper)}"));
        }

        if (Defined(unavailable, ("SMA20", s.Sma20), ("SMA50", s.Sma50)))
        {
            signals.Add(s.Sma20 > s.Sma50 ? new("Trend", o.TrendWeight, $"trend up (SMA20 {P(s.Sma20)} > SMA50 {P(s.Sma50)})")
                : s.Sma20 < s.Sma50 ? new("Trend", -o.TrendWeight, $"trend down (SMA20 {P(s.Sma20)} < SMA50 {P(s.Sma50)})")
                : new("Trend", 0, $"trend flat (SMA20 = SMA50 = {P(s.Sma50)})"));
        }

        if (Defined(unavailable, ("close", s.Close), ("EMA20", s.Ema20)))
        {
            signals.Add(s.Close > s.Ema20 ? new("EMA20", o.EmaWeight, $"close {P(s.Close)} above EMA20 {P(s.Ema20)}")
                : s.Close < s.Ema20 ? new("EMA20", -o.EmaWeight, $"close {P(s.Close)} below EMA20 {P(s.Ema20)}")
                : new("EMA20", 0, $"close {P(s.Close)} at EMA20 {P(s.Ema20)}"));
        }

        var volume = Defined(unavailable, ("volume ratio", s.VolumeRatio20)) ? s.VolumeRatio20 : double.NaN;
        return new SignalReading(signals, unavailable, volume);
    }

    /// <summary>True when every input is finite; otherwise records the missing ones (once each) as unavailable.</summary>
    private static bool Defined(List<string> unavailable, params ReadOnlySpan<(string Name, double Value)> inputs)
    {
        var all = true;
        foreach (var (name, value) in inputs)
        {
            if (double.IsFinite(value)) continue;
            all = false;
            if (!unavailable.Contains(name)) unavailable.Add(name);
        }
        return all;
    }

    internal static string P(double price) => price.ToString("0.00", CultureInfo.InvariantCulture);

    internal static string F1(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    internal static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string M(double value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    internal static string Signed(double value) => value.ToString("+0.00##;-0.00##;0.00", CultureInfo.InvariantCulture);
}
