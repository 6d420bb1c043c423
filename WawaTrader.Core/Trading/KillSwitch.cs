using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Trading;

/// <summary>
/// The emergency stop a user reaches from the dashboard: stops the agent (so no new cycle sends an order), then cancels every
/// order still open at the broker. It publishes nothing of its own: the stop is announced by <see cref="AgentControl"/>, and
/// the engine's next reconciliation records the cancellations on the decisions.
/// </summary>
public sealed class KillSwitch(AgentControl agent, IBroker broker)
{
    /// <summary>Stops the agent with <paramref name="reason"/>, then cancels the open orders; returns how many were canceled.
    /// The agent is stopped even when the broker then fails (the exception reaches the caller).</summary>
    public async Task<int> EngageAsync(string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        agent.Stop(reason);
        return await broker.CancelOpenOrdersAsync(cancellationToken);
    }
}
