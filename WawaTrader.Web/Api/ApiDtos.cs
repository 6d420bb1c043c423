using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

/// <summary>JSON shapes of the REST API (camelCase on the wire). NaN indicator values become null.</summary>
public sealed record DecisionSummaryDto(
    Guid Id, DateTime Time, DateTime BarTime, string Symbol, TradeAction Action, double Confidence, DecisionSource Source,
    bool Approved, string Reasoning, IReadOnlyList<RiskCheck> RiskChecks, OrderDto? Order)
{
    public static DecisionSummaryDto From(DecisionRecord d) => new(d.Id, d.Time, d.BarTime, d.Symbol, d.Action, d.Confidence, d.Source,
        d.Approved, d.Reasoning, d.RiskChecks, d.Order is null ? null : OrderDto.From(d.Order)) { Feed = d.Feed, Agent = d.Agent, LimitPrice = d.LimitPrice };

    /// <summary>The market-data feed of the bar (Alpaca's iex/sip), null for markets without feeds.</summary>
    public string? Feed { get; init; }

    /// <summary>The limit price the analyst asked for (a day limit order); null for a market order.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The agent whose decision it is (<c>Agent:Name</c>); says whose each row of <c>?agent=all</c> is.</summary>
    public string? Agent { get; init; }
}

/// <summary>A decision with its inputs; <see cref="Technical"/> and <see cref="Interaction"/> are null when the model was not involved.</summary>
public sealed record DecisionDetailDto(
    Guid Id, DateTime Time, DateTime BarTime, string Symbol, TradeAction Action, double Confidence, DecisionSource Source,
    bool Approved, string Reasoning, IReadOnlyList<RiskCheck> RiskChecks, IndicatorsDto Indicators, OrderDto? Order,
    TechnicalViewDto? Technical, LlmInteractionDto? Interaction)
{
    public static DecisionDetailDto From(DecisionRecord d) => new(d.Id, d.Time, d.BarTime, d.Symbol, d.Action, d.Confidence, d.Source,
        d.Approved, d.Reasoning, d.RiskChecks, IndicatorsDto.From(d.Indicators), d.Order is null ? null : OrderDto.From(d.Order),
        d.Technical is null ? null : new TechnicalViewDto(d.Technical.Action, d.Technical.Confidence, d.Technical.Reasoning),
        d.Interaction is null ? null : LlmInteractionDto.From(d.Interaction)) { Feed = d.Feed, Agent = d.Agent, LimitPrice = d.LimitPrice };

    /// <summary>The market-data feed of the bar (Alpaca's iex/sip), null for markets without feeds.</summary>
    public string? Feed { get; init; }

    /// <summary>The limit price the analyst asked for (a day limit order); null for a market order.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The agent whose decision it is (<c>Agent:Name</c>).</summary>
    public string? Agent { get; init; }
}

/// <summary>The technical analyst's own view of a decision the model took part in. Confidence in percent.</summary>
public sealed record TechnicalViewDto(TradeAction Action, double Confidence, string Reasoning);

/// <summary>
/// One model call as audited: full prompt (empty with <c>promptKept</c> false and a note for a repeated failure), raw answer, parsed verdict (null when unreadable or the call failed), error,
/// latency in ms, token counts when the server reported them, outcome. <see cref="Endpoint"/> is the base URL, never a key.
/// </summary>
public sealed record LlmInteractionDto(
    Guid Id, Guid DecisionId, DateTime Time, string Symbol, DateTime BarTime, double Close, string Model, string Endpoint,
    string PromptVersion, string Prompt, string? RawResponse, LlmVerdictDto? Parsed, string? Error, double LatencyMs,
    int? PromptTokens, int? CompletionTokens, LlmOutcome Outcome, bool PromptKept, string? PromptNote)
{
    public static LlmInteractionDto From(LlmInteraction i) => new(i.Id, i.DecisionId, i.Time, i.Symbol, i.BarTime, i.Close, i.Model,
        i.Endpoint, i.PromptVersion, i.Prompt, i.RawResponse,
        i.Parsed is null ? null : new LlmVerdictDto(i.Parsed.Action, i.Parsed.Confidence, i.Parsed.Reasoning) { LimitPrice = i.Parsed.LimitPrice },
        i.Error, i.LatencyMs, i.PromptTokens, i.CompletionTokens, i.Outcome, i.PromptKept,
        i.PromptKept ? null : LlmInteraction.PromptNotKeptNote);
}

/// <summary>The model's parsed answer; confidence in percent.</summary>
public sealed record LlmVerdictDto(TradeAction Action, double Confidence, string Reasoning)
{
    /// <summary>The limit price the model asked for with a BUY or SELL; null for a market order.</summary>
    public decimal? LimitPrice { get; init; }
}

public sealed record IndicatorsDto(
    DateTime Time, double? Close, double? PreviousClose, double? Sma20, double? Sma50, double? Ema20, double? Rsi14,
    double? Macd, double? MacdSignal, double? MacdHistogram, double? BollingerUpper, double? BollingerMiddle, double? BollingerLower,
    double? Atr14, double? StdDev20, double? Obv, double? VolumeRatio20)
{
    public static IndicatorsDto From(IndicatorSnapshot s) => new(s.Time, V(s.Close), V(s.PreviousClose), V(s.Sma20), V(s.Sma50), V(s.Ema20),
        V(s.Rsi14), V(s.Macd), V(s.MacdSignal), V(s.MacdHistogram), V(s.BollingerUpper), V(s.BollingerMiddle), V(s.BollingerLower),
        V(s.Atr14), V(s.StdDev20), V(s.Obv), V(s.VolumeRatio20));

    private static double? V(double x) => double.IsFinite(x) ? x : null;
}

public sealed record OrderDto(
    string ClientOrderId, string? BrokerOrderId, string Symbol, OrderSide Side, decimal Quantity, OrderStatus Status,
    DateTime SubmittedAt, string? RejectReason, IReadOnlyList<Fill> Fills)
{
    public static OrderDto From(OrderRecord o) => new(o.ClientOrderId, o.BrokerOrderId, o.Symbol, o.Side, o.Quantity, o.Status, o.SubmittedAt, o.RejectReason, o.Fills)
    {
        Agent = o.Agent,
        Type = o.Type,
        LimitPrice = o.LimitPrice,
    };

    /// <summary>Market, or Limit at <see cref="LimitPrice"/> (a day order).</summary>
    public OrderType Type { get; init; }

    /// <summary>A limit order's price per share; null for a market order.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The agent whose order it is.</summary>
    public string? Agent { get; init; }
}

public sealed record PositionDto(string Symbol, decimal Quantity, decimal AveragePrice, decimal LastPrice, decimal MarketValue, decimal UnrealizedPnl, decimal RealizedPnl,
    decimal OpenCommission);

public sealed record PortfolioDto(
    DateTime Time, decimal Cash, decimal Equity, decimal Exposure, decimal ExposurePct, decimal DayPnl, decimal DayPnlPct,
    decimal RealizedPnl, decimal UnrealizedPnl, int TradesToday, IReadOnlyList<PositionDto> Positions)
{
    public static PortfolioDto From(PortfolioSnapshot p) => new(p.Time, p.Cash, p.Equity, p.Exposure, Math.Round(p.ExposurePct, 4), p.DayPnl,
        Math.Round(p.DayPnlPct, 4), p.RealizedPnl, p.UnrealizedPnl, p.TradesToday,
        [.. p.Positions.Select(x => new PositionDto(x.Symbol, x.Quantity, x.AveragePrice, x.LastPrice, x.MarketValue, x.UnrealizedPnl, x.RealizedPnl, x.OpenCommission))]);

    /// <summary>The broker and market the figures come from, and whether Alpaca answers (set by the endpoint).</summary>
    public ConnectionDto? Connection { get; init; }

    /// <summary>The agent whose account this is: the answering process's own (set by the endpoint).</summary>
    public string? Agent { get; init; }
}

public sealed record AgentDto(AgentState State, string? Reason, DateTime Since)
{
    /// <summary>The agent's name (<c>Agent:Name</c>).</summary>
    public string? Name { get; init; }
}

/// <summary>One row of GET /api/agents: <see cref="State"/> is <c>running</c> while the agent's lease has a fresh heartbeat, else
/// <c>stopped</c>; <see cref="Current"/> when it is the agent of the process that answers.</summary>
public sealed record AgentListItemDto(string Name, string State, bool Current, string? Host, int? ProcessId, DateTime? HeartbeatAt,
    DateTime? LastDecisionAt, long Decisions)
{
    public static AgentListItemDto From(WawaTrader.Core.Agents.AgentSummary a, string self) =>
        new(a.Name, a.Running ? "running" : "stopped", a.Name == self, a.Host, a.ProcessId, a.HeartbeatAt, a.LastDecisionAt, a.Decisions);
}
