using WawaTrader.Core.Portfolio;

namespace WawaTrader.Core.Trading;

/// <summary>The agent's run state. Halted means stopped by the engine itself (e.g. a broker that cannot be reached), with a reason.</summary>
public enum AgentState { Stopped, Running, Halted }

/// <summary>Something the engine did that a page or an alert may want to show. Time is wall time (UTC).</summary>
public abstract record AgentEvent(DateTime Time);

public sealed record DecisionMade(DateTime Time, DecisionRecord Decision) : AgentEvent(Time);

public sealed record OrderUpdated(DateTime Time, OrderRecord Order) : AgentEvent(Time);

public sealed record PortfolioUpdated(DateTime Time, PortfolioSnapshot Portfolio) : AgentEvent(Time);

public sealed record AgentStateChanged(DateTime Time, AgentState State, string? Reason) : AgentEvent(Time);

public sealed record CycleFailed(DateTime Time, string Message) : AgentEvent(Time);

/// <summary>The broker stopped answering (<paramref name="Reachable"/> false, with the error) or answers again; published on each change.</summary>
public sealed record BrokerReachabilityChanged(DateTime Time, bool Reachable, string? Error) : AgentEvent(Time);

/// <summary>A write to the journal database failed (<paramref name="Operation"/>: which write); the engine goes on as its fail-safe rules say.</summary>
public sealed record DatabaseWriteFailed(DateTime Time, string Operation, string Error) : AgentEvent(Time);
