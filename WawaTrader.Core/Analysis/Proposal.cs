namespace WawaTrader.Core.Analysis;

/// <summary>
/// An analyst's view of one symbol at one bar: the action, a confidence in percent (0–100) and a
/// human-readable reason naming the indicators that drove it. Not yet sized and not yet approved.
/// </summary>
public sealed record Proposal(string Symbol, TradeAction Action, double Confidence, string Reasoning, DecisionSource Source);
