using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Text;
using static WawaTrader.Core.Analysis.TechnicalSignals;

namespace WawaTrader.Core.Analysis;

/// <summary>
/// The rule-based analyst: deterministic rules turn an indicator snapshot into Buy/Sell/Hold, a confidence (percent,
/// 0–100) and a one-paragraph reason naming each indicator with its values.
/// <para>Scoring: RSI14 oversold/overbought, MACD vs its signal line, close vs the Bollinger bands, SMA20 vs SMA50 and
/// close vs EMA20 each add +weight (bullish), −weight (bearish) or 0 (<see cref="TechnicalAnalystOptions"/>). A net score
/// at or beyond ±<see cref="TechnicalAnalystOptions.ActionThreshold"/> (t) proposes Buy or Sell. Confidence rises linearly
/// from 50 at the threshold to 100 at <see cref="TechnicalAnalystOptions.FullConvictionScore"/> (f):
/// 50 + 50 × (|net| − t) ÷ (f − t), plus <see cref="TechnicalAnalystOptions.VolumeConfidenceBonus"/> when the volume ratio
/// confirms, capped at 100. Agreeing indicators raise it, disagreeing or missing ones lower it; with the defaults two
/// agreeing indicators give 62.5 and three give 75, so the 70% risk minimum needs three, or two confirmed by volume.</para>
/// <para>Hold confidence says how clearly no trade is due: 100 × (1 − |net| ÷ threshold) for weak or mixed signals,
/// 0 while warming up, and the bearish confidence when a Sell is turned into a Hold because nothing is held.</para>
/// <para>Undefined (NaN) indicators are skipped and named as unavailable; fewer than
/// <see cref="TechnicalAnalystOptions.MinIndicators"/> defined (or no close) is a "warming up" Hold. Never sells short:
/// Sell only when a position is held. A held position whose close is more than
/// <see cref="TechnicalAnalystOptions.StopLossAtrMultiple"/> × ATR14 below its average price is a stop-loss Sell.</para>
/// </summary>
public sealed class TechnicalAnalyst : ISynchronousAnalyst
{
    private const int MaxCachedTextCapacity = 4096;

    /// <summary>A builder for the reasoning text reused by each thread's next analysis (taken while in use, so never shared).</summary>
    [ThreadStatic]
    private static StringBuilder? t_text;

    private readonly Func<TechnicalAnalystOptions> _options;

    /// <summary>Reads the options on every analysis, so a settings change applies to the next bar.</summary>
    public TechnicalAnalyst(IOptionsMonitor<TechnicalAnalystOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = () => options.CurrentValue;
    }

    /// <summary>Uses fixed options (backtests, optimisers, tests).</summary>
    public TechnicalAnalyst(TechnicalAnalystOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = () => options;
    }

    /// <summary>Returns an already completed task: the analysis is pure computation.</summary>
    public Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<Proposal>(cancellationToken)
            : Task.FromResult(Analyze(context));

    /// <summary>The synchronous analysis; the same context and options always give the same proposal.</summary>
    public Proposal Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var o = _options();
        var s = context.Indicators;
        var explain = context.Explain;
        var reading = Read(s, o, explain);
        var holding = context.PositionQuantity > 0;

        if (holding && StopLossPrice(context, o) is { } stop && s.Close < stop)
        {
            var avg = (double)context.PositionAveragePrice;
            var head = Prose.Format(explain, $"Stop-loss SELL: close {s.Close:0.00} is below {stop:0.00}, the average price {avg:0.00} minus ") +
                       Prose.Format(explain, $"{o.StopLossAtrMultiple:0.##}xATR14 ({s.Atr14:0.00}); the position is down {(avg - s.Close) / avg * 100:0.0}%.");
            return Propose(context, TradeAction.Sell, o.StopLossConfidence, head, reading, o, volumeCounts: false);
        }

        if (!double.IsFinite(s.Close) || reading.Available < o.MinIndicators)
        {
            var head = Prose.Format(explain, $"Warming up: {reading.Available} of {SignalReading.DirectionalCount} indicators available (need {o.MinIndicators}); HOLD.");
            return Propose(context, TradeAction.Hold, 0, head, reading, o, volumeCounts: false);
        }

        var score = reading.NetScore;
        var maxScore = o.RsiWeight + o.MacdWeight + o.BollingerWeight + o.TrendWeight + o.EmaWeight;
        var t = o.ActionThreshold;
        var scoreText = Prose.Format(explain, $"net score {score:+0.0;-0.0;0.0} of a possible +/-{maxScore:0.##}");
        if (Math.Abs(score) < t)
        {
            var holdConfidence = Math.Clamp(100 * (1 - Math.Abs(score) / t), 0, 100);
            return Propose(context, TradeAction.Hold, holdConfidence, Prose.Format(explain, $"HOLD: weak or mixed signals, {scoreText} is inside the +/-{t:0.##} threshold."), reading, o, volumeCounts: false);
        }

        var confirmed = VolumeConfirms(reading, o);
        var conviction = o.FullConvictionScore > t ? Math.Clamp((Math.Abs(score) - t) / (o.FullConvictionScore - t), 0, 1) : 1;
        var confidence = Math.Clamp(50 + 50 * conviction + (confirmed ? o.VolumeConfidenceBonus : 0), 0, 100);
        if (score > 0)
            return Propose(context, TradeAction.Buy, confidence, Prose.Format(explain, $"BUY: bullish, {scoreText} reaches the +{t:0.##} threshold."), reading, o, volumeCounts: true);
        if (holding)
            return Propose(context, TradeAction.Sell, confidence, Prose.Format(explain, $"SELL: bearish, {scoreText} reaches the -{t:0.##} threshold."), reading, o, volumeCounts: true);
        return Propose(context, TradeAction.Hold, confidence,
            Prose.Format(explain, $"HOLD: bearish, {scoreText} reaches the -{t:0.##} threshold, but no position is held, so there is nothing to sell (no short selling)."),
            reading, o, volumeCounts: true);
    }

    /// <summary>The stop price (average − k × ATR14), or null when the stop-loss is off or cannot be computed.</summary>
    private static double? StopLossPrice(AnalysisContext context, TechnicalAnalystOptions o)
    {
        var atr = context.Indicators.Atr14;
        if (o.StopLossAtrMultiple <= 0 || context.PositionAveragePrice <= 0 || !double.IsFinite(atr) || atr <= 0) return null;
        return (double)context.PositionAveragePrice - o.StopLossAtrMultiple * atr;
    }

    private static bool VolumeConfirms(SignalReading reading, TechnicalAnalystOptions o) =>
        double.IsFinite(reading.VolumeRatio) && reading.VolumeRatio >= o.VolumeConfirmationRatio;

    private static Proposal Propose(AnalysisContext context, TradeAction action, double confidence, string headline,
        SignalReading reading, TechnicalAnalystOptions o, bool volumeCounts)
    {
        var rounded = Math.Round(confidence, 1, MidpointRounding.AwayFromZero);
        if (!context.Explain) return new Proposal(context.Symbol, action, rounded, "", DecisionSource.Technical);
        var text = t_text ?? new StringBuilder(1024);
        t_text = null;
        text.Clear().Append(headline);
        Group(text, "Bullish", reading.Signals, 1);
        Group(text, "Bearish", reading.Signals, -1);
        Group(text, "Neutral", reading.Signals, 0);
        if (double.IsFinite(reading.VolumeRatio))
        {
            var ratio = $"Volume {reading.VolumeRatio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}x its 20-bar average";
            text.Append(' ').Append(!VolumeConfirms(reading, o) ? $"{ratio}, no confirmation."
                : volumeCounts ? string.Create(CultureInfo.InvariantCulture, $"{ratio} confirms (+{o.VolumeConfidenceBonus:0.##} confidence).")
                : $"{ratio}.");
        }
        if (reading.Unavailable.Count > 0) text.Append(" Unavailable: ").Append(string.Join(", ", reading.Unavailable)).Append('.');
        var reasoning = text.ToString();
        if (text.Capacity <= MaxCachedTextCapacity) t_text = text;
        return new Proposal(context.Symbol, action, rounded, reasoning, DecisionSource.Technical);
    }

    /// <summary>Appends " Label: a; b." for the signals whose score has the sign <paramref name="sign"/> (−1, 0, +1); nothing when none.</summary>
    private static void Group(StringBuilder text, string label, IReadOnlyList<Signal> signals, int sign)
    {
        var first = true;
        for (var i = 0; i < signals.Count; i++)
        {
            var signal = signals[i];
            if (!(sign > 0 ? signal.Score > 0 : sign < 0 ? signal.Score < 0 : signal.Score == 0)) continue;
            if (first) text.Append(' ').Append(label).Append(": ");
            else text.Append("; ");
            text.Append(signal.Description);
            first = false;
        }
        if (!first) text.Append('.');
    }
}
