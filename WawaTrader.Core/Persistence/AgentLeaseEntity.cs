namespace WawaTrader.Core.Persistence;

/// <summary>
/// A row of <c>agent_leases</c>: which process runs the agent <see cref="Agent"/> (the key). <see cref="Holder"/> is the process's
/// id (host:pid:guid), <see cref="HeartbeatAt"/> its last renewal (wall time, UTC); <see cref="ReleasedAt"/> is set when it stopped
/// gracefully. A lease whose heartbeat is older than the lease timeout, or that was released, may be taken by another process.
/// </summary>
internal sealed class AgentLeaseEntity
{
    public required string Agent { get; set; }
    public required string Holder { get; set; }
    public required string Host { get; set; }
    public required int ProcessId { get; set; }
    public required DateTime StartedAt { get; set; }
    public required DateTime HeartbeatAt { get; set; }
    public DateTime? ReleasedAt { get; set; }
}
