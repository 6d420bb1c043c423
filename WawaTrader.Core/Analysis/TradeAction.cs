namespace WawaTrader.Core.Analysis;

/// <summary>What an analyst proposes for one symbol.</summary>
public enum TradeAction { Hold, Buy, Sell }

/// <summary>Who produced the proposal a decision acted on.</summary>
public enum DecisionSource { Technical, Llm, Fallback }
