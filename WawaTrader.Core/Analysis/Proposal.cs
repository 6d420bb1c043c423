namespace WawaTrader.Core.Analysis;

/// <summary>
/// An analyst's view of one symbol at one bar: the action, a confidence in percent (0–100) and a
/// human-readable reason naming the indicators that drove it. Not yet sized and not yet approved.
/// </summary>
public sealed record Proposal(string Symbol, TradeAction Action, double Confidence, string Reasoning, DecisionSource Source)
{
    /// <summary>The technical analyst's own view when another analyst (the model) combined with it; null when this is that view.</summary>
    public Proposal? Technical { get; init; }

    /// <summary>A limit price the analyst asks for (an order filled only at that price or better, within the day); null for a
    /// market order. Only the model sets one; the technical analyst always proposes market orders.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The model interaction behind this proposal, when the model was asked (whatever came of it).</summary>
    public Llm.LlmInteraction? Interaction { get; init; }
}
