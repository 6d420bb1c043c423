namespace WawaTrader.Core.Agents;

/// <summary>
/// The agent this process is (<see cref="AgentOptions.Name"/>): every row the stores write carries <see cref="Name"/>, and every read
/// the agent makes for itself (journal, resume point, trades today, paper ledger, settings, pruning, reconciliation) sees only its rows.
/// <see cref="Holder"/> names this process in the agent's lease: host, process id and a random part.
/// </summary>
public sealed record AgentIdentity(string Name)
{
    /// <summary>The agent of rows written before agents had names, and of a process with no <c>Agent:Name</c>.</summary>
    public static AgentIdentity Default { get; } = new(AgentOptions.DefaultName);

    /// <summary>This process's id in the lease: <c>host:pid:guid</c>.</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
