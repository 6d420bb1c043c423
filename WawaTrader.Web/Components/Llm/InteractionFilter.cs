using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Llm;

/// <summary>The interactions page's filters; days are whole days of the viewer's calendar, both inclusive.</summary>
public sealed record InteractionFilter(
    string? Symbol = null,
    string? Model = null,
    LlmOutcome? Outcome = null,
    DateTime? FirstDay = null,
    DateTime? LastDay = null,
    string? Text = null)
{
    public LlmInteractionQuery ToQuery(int limit, ViewerClock clock) => new(
        Symbol: string.IsNullOrWhiteSpace(Symbol) ? null : Symbol.Trim().ToUpperInvariant(),
        Model: string.IsNullOrWhiteSpace(Model) ? null : Model.Trim(),
        Outcome: Outcome,
        From: clock.StartOf(FirstDay),
        To: clock.EndOf(LastDay),
        Text: string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Limit: limit);
}
