using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Trading;

/// <summary>
/// The emergency stop a user reaches from the dashboard and the API: stops the agent (so no new cycle starts), waits for a
/// cycle in progress to end (so it cannot send an order after the cancellation), then cancels every order still open at the
/// broker and records the cancellations on the decisions. Without a cycle (tests, tools) it cancels at the broker directly.
/// </summary>
public sealed class KillSwitch(AgentControl agent, IBroker broker, TradingCycle? cycle = null)
{
    /// <summary>Stops the agent with <paramref name="reason"/>, then cancels the open orders; returns how many were canceled.
    /// The agent is stopped even when the broker then fails (the exception reaches the caller).</summary>
    public async Task<int> EngageAsync(string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        agent.Stop(reason);
        return cycle is null
            ? await broker.CancelOpenOrdersAsync(cancellationToken)
            : await cycle.CancelOpenOrdersAsync(cancellationToken);
    }
}
