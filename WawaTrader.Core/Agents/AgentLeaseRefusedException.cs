namespace WawaTrader.Core.Agents;

/// <summary>
/// Start-up refused: another process holds the agent's lease and its heartbeat is fresh, so two copies of one agent would trade
/// the same account. The message names the agent, the holder's host and process, and how old its heartbeat is.
/// </summary>
public sealed class AgentLeaseRefusedException(string agent, string host, int processId, TimeSpan heartbeatAge)
    : Exception($"Agent '{agent}' is already running on {host} (pid {processId}, heartbeat {Math.Max(0, (int)heartbeatAge.TotalSeconds)} s ago); " +
        "stop it or pick another Agent:Name.")
{
    public string Agent { get; } = agent;
}
