using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The model in <see cref="LlmBacktestMode.Replay"/>: the wrapped analyst (the technical one) runs first; where the live agent would
/// have asked the model (<see cref="LlmAnalyst.ShouldAsk"/> under <see cref="LlmOptions.AskWhen"/>) the answer recorded in
/// <c>llm_interactions</c> for the same symbol and bar time is combined with it by <see cref="LlmVerdicts.Combine"/>, exactly as
/// live; without a recorded (parsed) answer the technical view stands alone, marked <see cref="DecisionSource.Fallback"/>.
/// </summary>
public sealed class LlmReplayAnalyst : IAnalyst
{
    private readonly IAnalyst _technical;
    private readonly IReadOnlyDictionary<(string Symbol, DateTime BarTime), LlmInteraction> _answers;
    private readonly LlmAskWhen _askWhen;
    private readonly LlmCombination _combination;

    /// <param name="answers">Recorded interactions with a parsed verdict, by symbol (exact, as recorded) and bar time (market, UTC).</param>
    public LlmReplayAnalyst(IAnalyst technical, IReadOnlyDictionary<(string Symbol, DateTime BarTime), LlmInteraction> answers, LlmAskWhen askWhen, LlmCombination combination)
    {
        ArgumentNullException.ThrowIfNull(technical);
        ArgumentNullException.ThrowIfNull(answers);
        _technical = technical;
        _answers = answers;
        _askWhen = askWhen;
        _combination = combination;
    }

    /// <summary>Bars where a recorded answer was used.</summary>
    public int Replayed { get; private set; }

    /// <summary>Bars where the model would have been asked but no answer was recorded (technical alone).</summary>
    public int Missing { get; private set; }

    /// <summary>
    /// The latest parsed answer per symbol and bar time among <paramref name="interactions"/> (latest by wall time, then by id).
    /// </summary>
    public static Dictionary<(string Symbol, DateTime BarTime), LlmInteraction> Index(IEnumerable<LlmInteraction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var answers = new Dictionary<(string, DateTime), LlmInteraction>();
        foreach (var interaction in interactions)
        {
            if (interaction.Parsed is null) continue;
            var key = (interaction.Symbol, interaction.BarTime);
            if (!answers.TryGetValue(key, out var kept) || (interaction.Time, interaction.Id).CompareTo((kept.Time, kept.Id)) > 0)
                answers[key] = interaction;
        }
        return answers;
    }

    public async Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var technical = await _technical.AnalyzeAsync(context, cancellationToken);
        if (!LlmAnalyst.ShouldAsk(_askWhen, technical)) return technical;
        if (_answers.TryGetValue((context.Symbol, context.Indicators.Time), out var recorded) && recorded.Parsed is { } verdict)
        {
            Replayed++;
            var combined = LlmVerdicts.Combine(_combination, technical, verdict);
            return combined.Proposal with { Technical = technical, Interaction = recorded with { DecisionId = context.DecisionId, Outcome = combined.Outcome } };
        }
        Missing++;
        return technical with
        {
            Source = DecisionSource.Fallback,
            Reasoning = $"No recorded model answer for this bar (replay); technical view: {technical.Reasoning}",
            Technical = technical,
        };
    }
}
