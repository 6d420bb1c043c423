using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Indicators;
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
        var values = StreamingIndicatorValues.From(context.Indicators);
        var reading = Read(values, o, context.Explain);
        var verdict = Judge(values, reading, context.PositionQuantity, context.PositionAveragePrice, o);
        return context.Explain
            ? Explained(context.Symbol, verdict, reading, values, context.PositionAveragePrice, o)
            : new Proposal(context.Symbol, verdict.Action, Rounded(verdict.Confidence), "", DecisionSource.Technical);
    }

    /// <inheritdoc />
    public QuietProposal? ProposeQuietly(string symbol, in StreamingIndicatorValues indicators, decimal positionQuantity, decimal positionAveragePrice)
    {
        var o = _options();
        var verdict = Judge(indicators, Read(indicators, o, explain: false), positionQuantity, positionAveragePrice, o);
        return verdict.Action == TradeAction.Hold ? null : new QuietProposal(verdict.Action, Rounded(verdict.Confidence), DecisionSource.Technical);
    }

    /// <summary>Which rule decided, for the headline of the reasoning.</summary>
    private enum Rule { StopLoss, WarmingUp, Weak, Bullish, Bearish, BearishNothingHeld }

    /// <summary>The rules' outcome: action, confidence (rounded to 0.1 when a proposal is made of it), the rule that decided and
    /// the stop-loss price (NaN when none).</summary>
    private readonly struct Verdict
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Verdict(TradeAction action, double confidence, Rule rule, double stop) =>
            (Action, Confidence, Rule, Stop) = (action, confidence, rule, stop);

        public TradeAction Action { get; }
        public double Confidence { get; }
        public Rule Rule { get; }
        public double Stop { get; }
    }

    /// <summary>The rules themselves (see the type's summary) over the values and what their signals say
    /// (<see cref="TechnicalSignals.Read"/>); one implementation for every entry point.</summary>
    private static Verdict Judge(in StreamingIndicatorValues s, in SignalReading reading, decimal positionQuantity, decimal positionAveragePrice,
        TechnicalAnalystOptions o)
    {
        var holding = decimal.Sign(positionQuantity) > 0; // (a sign test, not a decimal comparison)
        if (holding && StopLossPrice(s, positionAveragePrice, o) is { } stop && s.Close < stop)
            return new(TradeAction.Sell, o.StopLossConfidence, Rule.StopLoss, stop);

        if (!double.IsFinite(s.Close) || reading.Available < o.MinIndicators)
            return new(TradeAction.Hold, 0, Rule.WarmingUp, double.NaN);

        var score = reading.NetScore;
        var t = o.ActionThreshold;
        if (Math.Abs(score) < t)
            return new(TradeAction.Hold, Math.Clamp(100 * (1 - Math.Abs(score) / t), 0, 100), Rule.Weak, double.NaN);

        var confirmed = VolumeConfirms(reading, o);
        var conviction = o.FullConvictionScore > t ? Math.Clamp((Math.Abs(score) - t) / (o.FullConvictionScore - t), 0, 1) : 1;
        var confidence = Math.Clamp(50 + 50 * conviction + (confirmed ? o.VolumeConfidenceBonus : 0), 0, 100);
        if (score > 0) return new(TradeAction.Buy, confidence, Rule.Bullish, double.NaN);
        return holding
            ? new(TradeAction.Sell, confidence, Rule.Bearish, double.NaN)
            : new(TradeAction.Hold, confidence, Rule.BearishNothingHeld, double.NaN);
    }

    /// <summary>A proposal's confidence: to 0.1, halves away from zero.</summary>
    private static double Rounded(double confidence) => Math.Round(confidence, 1, MidpointRounding.AwayFromZero);

    private static double? StopLossPrice(in StreamingIndicatorValues s, decimal positionAveragePrice, TechnicalAnalystOptions o)
    {
        var atr = s.Atr14;
        if (o.StopLossAtrMultiple <= 0 || decimal.Sign(positionAveragePrice) <= 0 || !double.IsFinite(atr) || atr <= 0) return null;
        return (double)positionAveragePrice - o.StopLossAtrMultiple * atr;
    }

    /// <summary>The proposal of <paramref name="verdict"/> with its reasoning: the deciding rule's headline, then the signals
    /// grouped bullish / bearish / neutral with their values, the volume and what was unavailable.</summary>
    private static Proposal Explained(string symbol, Verdict verdict, in SignalReading reading, in StreamingIndicatorValues s, decimal positionAveragePrice,
        TechnicalAnalystOptions o)
    {
        var t = o.ActionThreshold;
        var maxScore = o.RsiWeight + o.MacdWeight + o.BollingerWeight + o.TrendWeight + o.EmaWeight;
        var scoreText = string.Create(CultureInfo.InvariantCulture, $"net score {reading.NetScore:+0.0;-0.0;0.0} of a possible +/-{maxScore:0.##}");
        var avg = (double)positionAveragePrice;
        var headline = verdict.Rule switch
        {
            Rule.StopLoss => string.Create(CultureInfo.InvariantCulture,
                $"Stop-loss SELL: close {s.Close:0.00} is below {verdict.Stop:0.00}, the average price {avg:0.00} minus {o.StopLossAtrMultiple:0.##}xATR14 ({s.Atr14:0.00}); the position is down {(avg - s.Close) / avg * 100:0.0}%."),
            Rule.WarmingUp => string.Create(CultureInfo.InvariantCulture,
                $"Warming up: {reading.Available} of {SignalReading.DirectionalCount} indicators available (need {o.MinIndicators}); HOLD."),
            Rule.Weak => string.Create(CultureInfo.InvariantCulture, $"HOLD: weak or mixed signals, {scoreText} is inside the +/-{t:0.##} threshold."),
            Rule.Bullish => string.Create(CultureInfo.InvariantCulture, $"BUY: bullish, {scoreText} reaches the +{t:0.##} threshold."),
            Rule.Bearish => string.Create(CultureInfo.InvariantCulture, $"SELL: bearish, {scoreText} reaches the -{t:0.##} threshold."),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"HOLD: bearish, {scoreText} reaches the -{t:0.##} threshold, but no position is held, so there is nothing to sell (no short selling)."),
        };
        var volumeCounts = verdict.Rule is Rule.Bullish or Rule.Bearish or Rule.BearishNothingHeld;
        var text = t_text ?? new StringBuilder(1024);
        t_text = null;
        text.Clear().Append(headline);
        Group(text, "Bullish", reading.Signals, 1);
        Group(text, "Bearish", reading.Signals, -1);
        Group(text, "Neutral", reading.Signals, 0);
        if (double.IsFinite(reading.VolumeRatio))
        {
            var ratio = $"Volume {reading.VolumeRatio.ToString("0.00", CultureInfo.InvariantCulture)}x its 20-bar average";
            text.Append(' ').Append(!VolumeConfirms(reading, o) ? $"{ratio}, no confirmation."
                : volumeCounts ? string.Create(CultureInfo.InvariantCulture, $"{ratio} confirms (+{o.VolumeConfidenceBonus:0.##} confidence).")
                : $"{ratio}.");
        }
        if (reading.Unavailable.Count > 0) text.Append(" Unavailable: ").Append(string.Join(", ", reading.Unavailable)).Append('.');
        var reasoning = text.ToString();
        if (text.Capacity <= MaxCachedTextCapacity) t_text = text;
        return new Proposal(symbol, verdict.Action, Rounded(verdict.Confidence), reasoning, DecisionSource.Technical);
    }

    private static bool VolumeConfirms(in SignalReading reading, TechnicalAnalystOptions o) =>
        double.IsFinite(reading.VolumeRatio) && reading.VolumeRatio >= o.VolumeConfirmationRatio;

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
