namespace WawaTrader.Core.Agents;

/// <summary>
/// Start-up refused: another process holds the agent's lease and its heartbeat changed while this process watched, so two copies
/// of one agent would trade the same account. The message names the agent, the holder's host and process, and how long this
/// process watched (its own elapsed time; the holder's clock is never compared with ours).
/// </summary>
public sealed class AgentLeaseRefusedException(string agent, string host, int processId, TimeSpan watched)
    : Exception($"Agent '{agent}' is already running on {host} (pid {processId}, heartbeat renewed while this process watched for " +
        $"{Math.Max(0, (int)Math.Ceiling(watched.TotalSeconds))} s); stop it or pick another Agent:Name.")
{
    public string Agent { get; } = agent;
}
