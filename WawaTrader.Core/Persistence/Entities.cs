using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Core.Persistence;

// Row shapes of the journal tables. Only this folder sees them; the rest of the app uses the records in Trading/.
// Rows an agent owns carry its name (IAgentRow.Agent, stamped by the stores from AgentIdentity; 'default' for rows older than agents).

/// <summary>A row of <c>decisions</c>. <see cref="Seq"/> is the insertion order (ties of <see cref="Time"/> are broken by it).</summary>
internal sealed class DecisionEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public long Seq { get; set; }
    public required Guid Id { get; set; }
    public required DateTime Time { get; set; }
    public required DateTime BarTime { get; set; }
    public required string Symbol { get; set; }
    public required TradeAction Action { get; set; }
    public required double Confidence { get; set; }
    public required DecisionSource Source { get; set; }
    public required bool Approved { get; set; }
    /// <summary>Encoded by <see cref="PhraseCodec"/> (plain in rows written before it).</summary>
    public required string Reasoning { get; set; }

    /// <summary>The indicator snapshot as JSON (<see cref="CompactJournalJson"/>) in rows written before <see cref="Indicators"/>; null after.</summary>
    public string? IndicatorsJson { get; set; }

    /// <summary>The indicator snapshot's binary form (<see cref="CompactIndicatorBytes"/>); null in rows written before it.</summary>
    public byte[]? Indicators { get; set; }

    /// <summary>The risk checks' compact JSON (<see cref="CompactJournalJson"/>), encoded by <see cref="PhraseCodec"/> (plain in rows written before it).</summary>
    public required string RiskChecksJson { get; set; }

    /// <summary>The technical analyst's own view when the model was involved; all three null otherwise.</summary>
    public TradeAction? TechnicalAction { get; set; }

    /// <summary>The market-data feed of the bar (Alpaca's iex/sip); null for markets without feeds.</summary>
    public string? Feed { get; set; }
    public decimal? LimitPrice { get; set; }

    public double? TechnicalConfidence { get; set; }
    public string? TechnicalReasoning { get; set; }

    public OrderEntity? Order { get; set; }
    public LlmInteractionEntity? Interaction { get; set; }
}

/// <summary>
/// A row of <c>llm_interactions</c>: one call to the model, belonging to one decision (<see cref="DecisionId"/>, unique).
/// The parsed verdict is the <c>Parsed*</c> columns, all null when the answer was not parsed (<see cref="ParsedLimitPrice"/> is
/// also null for a market order).
/// </summary>
internal sealed class LlmInteractionEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public required Guid Id { get; set; }
    public required Guid DecisionId { get; set; }
    public required DateTime Time { get; set; }
    public required string Symbol { get; set; }
    public required DateTime BarTime { get; set; }
    public required double Close { get; set; }
    public required string Model { get; set; }
    public required string Endpoint { get; set; }
    public required string PromptVersion { get; set; }
    public required string Prompt { get; set; }
    public string? RawResponse { get; set; }
    public TradeAction? ParsedAction { get; set; }
    public double? ParsedConfidence { get; set; }
    public string? ParsedReasoning { get; set; }
    public decimal? ParsedLimitPrice { get; set; }
    public string? Error { get; set; }
    public required double LatencyMs { get; set; }
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }
    public required LlmOutcome Outcome { get; set; }
}

/// <summary>A row of <c>orders</c>, keyed by our client order id.</summary>
internal sealed class OrderEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public required string ClientOrderId { get; set; }
    public required Guid DecisionId { get; set; }
    public required string Symbol { get; set; }
    public required OrderSide Side { get; set; }
    public required decimal Quantity { get; set; }
    public required OrderStatus Status { get; set; }
    public required DateTime SubmittedAt { get; set; }
    public required DateTime BarTime { get; set; }
    public string? BrokerOrderId { get; set; }
    public string? RejectReason { get; set; }
    /// <summary>Null in rows written before limit orders existed: a market order.</summary>
    public OrderType? OrderType { get; set; }
    public decimal? LimitPrice { get; set; }
    public List<FillEntity> Fills { get; set; } = [];
}

/// <summary>A row of <c>fills</c>; <see cref="Id"/> keeps the order in which an order's fills were given.</summary>
internal sealed class FillEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public long Id { get; set; }
    public required string ClientOrderId { get; set; }
    public required DateTime Time { get; set; }
    public required decimal Quantity { get; set; }
    public required decimal Price { get; set; }
    public required decimal Commission { get; set; }
    public OrderEntity? Order { get; set; }
}

/// <summary>A row of <c>performance_snapshots</c>.</summary>
internal sealed class PerformanceSnapshotEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public long Id { get; set; }
    public required DateTime Time { get; set; }
    public required DateTime MarketTime { get; set; }
    public required decimal Cash { get; set; }
    public required decimal Equity { get; set; }
    public required decimal Exposure { get; set; }
    public required decimal DayPnl { get; set; }
}

/// <summary>A row of <c>paper_ledger</c>, one per agent (<see cref="Agent"/> is the key): the agent's paper broker's book as JSON.</summary>
internal sealed class PaperLedgerEntity : IAgentRow
{
    public required string Agent { get; set; }
    public required string Json { get; set; }
    public required DateTime UpdatedAt { get; set; }
}

/// <summary>A row of <c>settings</c>: a value a user saved for one agent, keyed by (agent, category, key). Secrets hold protected text.</summary>
internal sealed class SettingEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public required string Category { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>A row of <c>settings_history</c>: one changed field. <see cref="Id"/> is the order of the changes.</summary>
internal sealed class SettingHistoryEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public long Id { get; set; }
    public required DateTime Time { get; set; }
    public required string Category { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public required SettingSource Source { get; set; }
    public long? RevertedChangeId { get; set; }
}
