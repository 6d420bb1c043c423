using System.Globalization;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>A combined proposal and what came of the model's answer.</summary>
public sealed record CombinedVerdict(Proposal Proposal, LlmOutcome Outcome);

/// <summary>
/// How the model's verdict and the technical view combine — the "never decides alone" table. Confidences in percent.
/// <list type="table">
/// <item><term>VetoOrConfirm, technical Buy/Sell, model agrees</term><description>technical action, confidence = min(technical, model), the model's limit price if it asked for one, Source Llm, Used.</description></item>
/// <item><term>VetoOrConfirm, technical Buy/Sell, model disagrees</term><description>Hold at the model's confidence, Source Llm, Vetoed.</description></item>
/// <item><term>VetoOrConfirm, technical Hold, model Buy/Sell</term><description>stays Hold at the technical confidence, Source Llm, Used (the model's view recorded).</description></item>
/// <item><term>VetoOrConfirm, both Hold</term><description>Hold, confidence = min, Source Llm, Used.</description></item>
/// <item><term>Advisory</term><description>the technical view decides unchanged (Source Technical), the model's view is appended to the reasoning; Used.</description></item>
/// </list>
/// </summary>
public static class LlmVerdicts
{
    public static CombinedVerdict Combine(LlmCombination combination, Proposal technical, LlmVerdict model)
    {
        ArgumentNullException.ThrowIfNull(technical);
        ArgumentNullException.ThrowIfNull(model);
        var modelView = $"{Name(model.Action)} at {Pct(model.Confidence)}%";
        var technicalView = $"Technical view: {technical.Reasoning}";
        if (combination == LlmCombination.Advisory)
            return new(technical with { Reasoning = $"{technical.Reasoning} Model (advisory, not used): {modelView}: {model.Reasoning}" }, LlmOutcome.Used);

        if (technical.Action == TradeAction.Hold)
        {
            if (model.Action == TradeAction.Hold)
                return new(technical with
                {
                    Confidence = Math.Min(technical.Confidence, model.Confidence),
                    Source = DecisionSource.Llm,
                    Reasoning = $"Model agrees: HOLD ({modelView}): {model.Reasoning} {technicalView}",
                }, LlmOutcome.Used);
            return new(technical with
            {
                Source = DecisionSource.Llm,
                Reasoning = $"HOLD: the model suggests {modelView}, but a trade needs the technical signal to agree. Model: {model.Reasoning} {technicalView}",
            }, LlmOutcome.Used);
        }

        if (model.Action == technical.Action)
        {
            var confidence = Math.Min(technical.Confidence, model.Confidence);
            return new(technical with
            {
                Confidence = confidence,
                Source = DecisionSource.Llm,
                LimitPrice = model.LimitPrice,
                Reasoning = $"Model confirms {Name(technical.Action)} ({modelView}; technical {Pct(technical.Confidence)}%, so {Pct(confidence)}%): {model.Reasoning} {technicalView}",
            }, LlmOutcome.Used);
        }

        return new(technical with
        {
            Action = TradeAction.Hold,
            Confidence = model.Confidence,
            Source = DecisionSource.Llm,
            Reasoning = $"HOLD: the model vetoed the technical {Name(technical.Action)} (it says {modelView}): {model.Reasoning} {technicalView}",
        }, LlmOutcome.Vetoed);
    }

    private static string Name(TradeAction action) => action.ToString().ToUpperInvariant();

    private static string Pct(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
