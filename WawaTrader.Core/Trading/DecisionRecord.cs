using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Trading;

/// <summary>
/// Everything recorded about one decision: the inputs (indicator snapshot), the analyst's proposal, every
/// risk check, and the order it led to (null for a Hold or a rejection). <see cref="Time"/> is wall time (UTC)
/// when the decision was made; <see cref="BarTime"/> is the market time of the bar it was made on.
/// </summary>
public sealed record DecisionRecord(
    Guid Id,
    DateTime Time,
    DateTime BarTime,
    string Symbol,
    TradeAction Action,
    double Confidence,
    DecisionSource Source,
    bool Approved,
    string Reasoning,
    IndicatorSnapshot Indicators,
    IReadOnlyList<RiskCheck> RiskChecks,
    OrderRecord? Order)
{
    /// <summary>The technical analyst's own view when the model was involved (source Llm or Fallback); null for Technical.</summary>
    public Proposal? Technical { get; init; }

    /// <summary>The model interaction for this decision, when the model was asked.</summary>
    public Analysis.Llm.LlmInteraction? Interaction { get; init; }

    /// <summary>The limit price the analyst asked for (a limit order instead of a market order); null for a market order.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The market-data feed the bar came from (<c>iex</c>, <c>sip</c>) when the market has one (Alpaca); null otherwise.</summary>
    public string? Feed { get; init; }

    /// <summary>The agent whose decision it is, when read from a database shared by agents (Agent:Name); null when not recorded.</summary>
    public string? Agent { get; init; }
}

/// <summary>
/// Our record of an order sent for a decision, written with status New before it is sent and updated after.
/// Money in account currency; quantity in shares; <see cref="SubmittedAt"/> wall time (UTC).
/// </summary>
public sealed record OrderRecord(
    string ClientOrderId,
    Guid DecisionId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    OrderStatus Status,
    DateTime SubmittedAt,
    DateTime BarTime,
    string? BrokerOrderId,
    IReadOnlyList<Fill> Fills,
    string? RejectReason)
{
    public bool IsOpen => OrderStatuses.IsOpen(Status);

    /// <summary>Market, or Limit at <see cref="LimitPrice"/> (a day order).</summary>
    public OrderType Type { get; init; } = OrderType.Market;

    /// <summary>A limit order's price per share; null for a market order.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The agent whose order it is, when read from a database shared by agents; null when not recorded.</summary>
    public string? Agent { get; init; }

    /// <summary>The client order id for a decision: stable, so a retry is recognised by the broker.</summary>
    public static string ClientOrderIdFor(Guid decisionId) => $"wt-{decisionId:N}";
}

/// <summary>One fill of one order, as the trades list shows it.</summary>
public sealed record TradeRecord(
    string ClientOrderId,
    Guid DecisionId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    decimal Commission,
    DateTime Time)
{
    /// <summary>The agent whose fill it is, when read from a database shared by agents; null when not recorded.</summary>
    public string? Agent { get; init; }
}

/// <summary>Equity, cash and exposure at one cycle. Time wall UTC; MarketTime the market time of the latest bar.</summary>
public sealed record PerformanceSnapshot(DateTime Time, DateTime MarketTime, decimal Cash, decimal Equity, decimal Exposure, decimal DayPnl);
