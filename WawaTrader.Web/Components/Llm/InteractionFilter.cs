using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Web.Components.Decisions;

namespace WawaTrader.Web.Components.Llm;

/// <summary>The interactions page's filters; days are whole UTC days, both inclusive.</summary>
public sealed record InteractionFilter(
    string? Symbol = null,
    string? Model = null,
    LlmOutcome? Outcome = null,
    DateTime? FirstDay = null,
    DateTime? LastDay = null,
    string? Text = null)
{
    public LlmInteractionQuery ToQuery(int limit) => new(
        Symbol: string.IsNullOrWhiteSpace(Symbol) ? null : Symbol.Trim().ToUpperInvariant(),
        Model: string.IsNullOrWhiteSpace(Model) ? null : Model.Trim(),
        Outcome: Outcome,
        From: DecisionFilter.Day(FirstDay),
        To: DecisionFilter.Day(LastDay)?.AddDays(1),
        Text: string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Limit: limit);
}
