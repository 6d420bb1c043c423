using System.Globalization;
using WawaTrader.Core.Indicators;
using System.Runtime.CompilerServices;

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
    /// <remarks>Each rule yields a direction (+1 bullish, −1 bearish, 0 neutral) computed without branching on the data, and
    /// its score is direction × weight; the description, when explaining, is written afterwards from the same direction.</remarks>
    public static SignalReading Read(in StreamingIndicatorValues s, TechnicalAnalystOptions o, bool explain = true)
    {
        var signals = new SignalSet(keep: explain);
        List<string>? unavailable = null; // made only when an input is missing (warm-up)

        if (Finite(ref unavailable, "RSI14", s.Rsi14))
        {
            var rsi = s.Rsi14;
            var direction = FirstOf(rsi <= o.RsiOversold, rsi >= o.RsiOverbought);
            signals.Add("RSI14", direction, o.RsiWeight, explain ? RsiText(rsi, direction, o) : "");
        }

        if (Finite(ref unavailable, "MACD", s.Macd) & Finite(ref unavailable, "MACD signal", s.MacdSignal))
        {
            var diff = s.Macd - s.MacdSignal;
            var direction = FirstOf(diff > 0, diff < 0);
            signals.Add("MACD", direction, o.MacdWeight, explain ? MacdText(s, diff, direction) : "");
        }

        if (Finite(ref unavailable, "close", s.Close) & Finite(ref unavailable, "Bollinger lower", s.BollingerLower) & Finite(ref unavailable, "Bollinger upper", s.BollingerUpper))
        {
            var direction = FirstOf(s.Close < s.BollingerLower, s.Close > s.BollingerUpper);
            signals.Add("Bollinger", direction, o.BollingerWeight, explain ? BollingerText(s, direction) : "");
        }

        if (Finite(ref unavailable, "SMA20", s.Sma20) & Finite(ref unavailable, "SMA50", s.Sma50))
        {
            var direction = FirstOf(s.Sma20 > s.Sma50, s.Sma20 < s.Sma50);
            signals.Add("Trend", direction, o.TrendWeight, explain ? TrendText(s, direction) : "");
        }

        if (Finite(ref unavailable, "close", s.Close) & Finite(ref unavailable, "EMA20", s.Ema20))
        {
            var direction = FirstOf(s.Close > s.Ema20, s.Close < s.Ema20);
            signals.Add("EMA20", direction, o.EmaWeight, explain ? EmaText(s, direction) : "");
        }

        var volume = Finite(ref unavailable, "volume ratio", s.VolumeRatio20) ? s.VolumeRatio20 : double.NaN;
        return new SignalReading(signals.Kept ?? (IReadOnlyList<Signal>)[], unavailable ?? (IReadOnlyList<string>)[], volume)
        {
            NetScore = signals.Net,
            Available = signals.Count,
        };
    }

    /// <summary>+1 when <paramref name="bullish"/>, else −1 when <paramref name="bearish"/>, else 0 — without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FirstOf(bool bullish, bool bearish)
    {
        var up = bullish ? 1 : 0;
        return up - ((bearish ? 1 : 0) & (up ^ 1));
    }

    // What each signal saw, for the reasoning (kept out of Read, so a quiet reading carries none of their formatting state).

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string RsiText(double rsi, int direction, TechnicalAnalystOptions o) => direction switch
    {
        > 0 => string.Create(CultureInfo.InvariantCulture, $"RSI14 {rsi:0.0} oversold (<= {o.RsiOversold:0.##})"),
        < 0 => string.Create(CultureInfo.InvariantCulture, $"RSI14 {rsi:0.0} overbought (>= {o.RsiOverbought:0.##})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"RSI14 {rsi:0.0} neutral"),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string BollingerText(in StreamingIndicatorValues s, int direction) => direction switch
    {
        > 0 => string.Create(CultureInfo.InvariantCulture, $"close {s.Close:0.00} below lower Bollinger {s.BollingerLower:0.00}"),
        < 0 => string.Create(CultureInfo.InvariantCulture, $"close {s.Close:0.00} above upper Bollinger {s.BollingerUpper:0.00}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"close {s.Close:0.00} inside Bollinger {s.BollingerLower:0.00}-{s.BollingerUpper:0.00}"),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string TrendText(in StreamingIndicatorValues s, int direction) => direction switch
    {
        > 0 => string.Create(CultureInfo.InvariantCulture, $"trend up (SMA20 {s.Sma20:0.00} > SMA50 {s.Sma50:0.00})"),
        < 0 => string.Create(CultureInfo.InvariantCulture, $"trend down (SMA20 {s.Sma20:0.00} < SMA50 {s.Sma50:0.00})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"trend flat (SMA20 = SMA50 = {s.Sma50:0.00})"),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string EmaText(in StreamingIndicatorValues s, int direction) => direction switch
    {
        > 0 => string.Create(CultureInfo.InvariantCulture, $"close {s.Close:0.00} above EMA20 {s.Ema20:0.00}"),
        < 0 => string.Create(CultureInfo.InvariantCulture, $"close {s.Close:0.00} below EMA20 {s.Ema20:0.00}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"close {s.Close:0.00} at EMA20 {s.Ema20:0.00}"),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string MacdText(in StreamingIndicatorValues s, double diff, int direction)
    {
        var histogram = double.IsFinite(s.MacdHistogram) ? s.MacdHistogram : diff;
        var values = string.Create(CultureInfo.InvariantCulture, $"MACD {s.Macd:0.00##} vs signal {s.MacdSignal:0.00##}, histogram {histogram:+0.00##;-0.00##;0.00}");
        return direction switch
        {
            > 0 => $"MACD above its signal line, bullish ({values})",
            < 0 => $"MACD below its signal line, bearish ({values})",
            _ => $"MACD on its signal line ({values})",
        };
    }

    /// <summary>The signals read so far: counted and summed (in reading order) always; kept, for the reasoning text, only when
    /// explaining.</summary>
    private struct SignalSet(bool keep)
    {
        public readonly List<Signal>? Kept = keep ? new List<Signal>(SignalReading.DirectionalCount) : null;
        public int Count;
        public double Net;

        /// <summary>Counts a signal of <paramref name="direction"/> (+1, −1, 0) scoring direction × <paramref name="weight"/>.</summary>
        public void Add(string indicator, int direction, double weight, string description)
        {
            var score = direction * weight;
            Kept?.Add(new Signal(indicator, score, description));
            Count++;
            Net += score;
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
