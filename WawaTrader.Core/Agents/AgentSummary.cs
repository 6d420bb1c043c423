namespace WawaTrader.Core.Agents;

/// <summary>
/// One agent known in the database (<see cref="IAgentDirectory"/>): whether a process holds its lease with a fresh heartbeat
/// (<see cref="Running"/>), that process's host and id, the last heartbeat and the last decision (wall time, UTC; null when none),
/// and how many decisions it has recorded.
/// </summary>
public sealed record AgentSummary(
    string Name, bool Running, string? Host, int? ProcessId, DateTime? HeartbeatAt, DateTime? LastDecisionAt, long Decisions);

/// <summary>The agents of the database: those with a lease or with decisions, by name.</summary>
public interface IAgentDirectory
{
    Task<IReadOnlyList<AgentSummary>> ListAsync(CancellationToken cancellationToken);
}
