using System.Globalization;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Text;

namespace WawaTrader.Core.Analysis;

/// <summary>One directional indicator's contribution: signed score points (+ bullish, − bearish, 0 neutral) and what it saw, with values.</summary>
internal readonly record struct Signal(string Indicator, double Score, string Description);

/// <summary>
/// What the indicators of one snapshot say: the directional signals that were defined, the names of the inputs that
/// were not (NaN, still warming up), and the volume ratio (NaN when undefined), which only confirms and never directs.
/// A value: a quiet reading (no descriptions kept, nothing missing) allocates nothing.
/// </summary>
internal readonly record struct SignalReading(IReadOnlyList<Signal> Signals, IReadOnlyList<string> Unavailable, double VolumeRatio)
{
    /// <summary>The number of directional indicators the model knows (RSI, MACD, Bollinger, trend, EMA).</summary>
    public const int DirectionalCount = 5;

    /// <summary>The sum of the signals' scores, in their order (summed once, by <see cref="TechnicalSignals.Read"/>).</summary>
    public double NetScore { get; init; }

    /// <summary>How many directional signals were defined (also counted when their descriptions are not kept).</summary>
    public int Available { get; init; }
}

/// <summary>The per-indicator rules of the technical analyst. Pure functions of a snapshot and the options.</summary>
internal static class TechnicalSignals
{
    /// <param name="explain">Whether to write each signal's description (empty when not; scores are the same either way).</param>
    public static SignalReading Read(in StreamingIndicatorValues s, TechnicalAnalystOptions o, bool explain = true)
    {
        var signals = new SignalSet(keep: explain);
        List<string>? unavailable = null; // made only when an input is missing (warm-up)

        if (Finite(ref unavailable, "RSI14", s.Rsi14))
        {
            var rsi = s.Rsi14;
            signals.Add(rsi <= o.RsiOversold ? new("RSI14", o.RsiWeight, Prose.Format(explain, $"RSI14 {rsi:0.0} oversold (<= {o.RsiOversold:0.##})"))
                : rsi >= o.RsiOverbought ? new("RSI14", -o.RsiWeight, Prose.Format(explain, $"RSI14 {rsi:0.0} overbought (>= {o.RsiOverbought:0.##})"))
                : new("RSI14", 0, Prose.Format(explain, $"RSI14 {rsi:0.0} neutral")));
        }

        if (Finite(ref unavailable, "MACD", s.Macd) & Finite(ref unavailable, "MACD signal", s.MacdSignal))
        {
            var diff = s.Macd - s.MacdSignal;
            var histogram = double.IsFinite(s.MacdHistogram) ? s.MacdHistogram : diff;
            var values = Prose.Format(explain, $"MACD {s.Macd:0.00##} vs signal {s.MacdSignal:0.00##}, histogram {histogram:+0.00##;-0.00##;0.00}");
            signals.Add(diff > 0 ? new("MACD", o.MacdWeight, Prose.Format(explain, $"MACD above its signal line, bullish ({values})"))
                : diff < 0 ? new("MACD", -o.MacdWeight, Prose.Format(explain, $"MACD below its signal line, bearish ({values})"))
                : new("MACD", 0, Prose.Format(explain, $"MACD on its signal line ({values})")));
        }

        if (Finite(ref unavailable, "close", s.Close) & Finite(ref unavailable, "Bollinger lower", s.BollingerLower) & Finite(ref unavailable, "Bollinger upper", s.BollingerUpper))
        {
            signals.Add(s.Close < s.BollingerLower ? new("Bollinger", o.BollingerWeight, Prose.Format(explain, $"close {s.Close:0.00} below lower Bollinger {s.BollingerLower:0.00}"))
                : s.Close > s.BollingerUpper ? new("Bollinger", -o.BollingerWeight, Prose.Format(explain, $"close {s.Close:0.00} above upper Bollinger {s.BollingerUpper:0.00}"))
                : new("Bollinger", 0, Prose.Format(explain, $"close {s.Close:0.00} inside Bollinger {s.BollingerLower:0.00}-{s.BollingerUpper:0.00}")));
        }

        if (Finite(ref unavailable, "SMA20", s.Sma20) & Finite(ref unavailable, "SMA50", s.Sma50))
        {
            signals.Add(s.Sma20 > s.Sma50 ? new("Trend", o.TrendWeight, Prose.Format(explain, $"trend up (SMA20 {s.Sma20:0.00} > SMA50 {s.Sma50:0.00})"))
                : s.Sma20 < s.Sma50 ? new("Trend", -o.TrendWeight, Prose.Format(explain, $"trend down (SMA20 {s.Sma20:0.00} < SMA50 {s.Sma50:0.00})"))
                : new("Trend", 0, Prose.Format(explain, $"trend flat (SMA20 = SMA50 = {s.Sma50:0.00})")));
        }

        if (Finite(ref unavailable, "close", s.Close) & Finite(ref unavailable, "EMA20", s.Ema20))
        {
            signals.Add(s.Close > s.Ema20 ? new("EMA20", o.EmaWeight, Prose.Format(explain, $"close {s.Close:0.00} above EMA20 {s.Ema20:0.00}"))
                : s.Close < s.Ema20 ? new("EMA20", -o.EmaWeight, Prose.Format(explain, $"close {s.Close:0.00} below EMA20 {s.Ema20:0.00}"))
                : new("EMA20", 0, Prose.Format(explain, $"close {s.Close:0.00} at EMA20 {s.Ema20:0.00}")));
        }

        var volume = Finite(ref unavailable, "volume ratio", s.VolumeRatio20) ? s.VolumeRatio20 : double.NaN;
        return new SignalReading(signals.Kept ?? (IReadOnlyList<Signal>)[], unavailable ?? (IReadOnlyList<string>)[], volume)
        {
            NetScore = signals.Net,
            Available = signals.Count,
        };
    }

    /// <summary>The signals read so far: counted and summed (in reading order) always; kept, for the reasoning text, only when
    /// explaining.</summary>
    private struct SignalSet(bool keep)
    {
        public readonly List<Signal>? Kept = keep ? new List<Signal>(SignalReading.DirectionalCount) : null;
        public int Count;
        public double Net;

        public void Add(Signal signal)
        {
            Kept?.Add(signal);
            Count++;
            Net += signal.Score;
        }
    }

    /// <summary>True when <paramref name="value"/> is finite; otherwise records <paramref name="name"/> (once) as unavailable.
    /// Callers combine inputs with a non-short-circuit <c>&amp;</c>, so every missing input is named.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Finite(ref List<string>? unavailable, string name, double value)
    {
        if (double.IsFinite(value)) return true;
        Missing(ref unavailable, name);
        return false;
    }

    private static void Missing(ref List<string>? unavailable, string name)
    {
        unavailable ??= [];
        if (!unavailable.Contains(name)) unavailable.Add(name);
    }
}
