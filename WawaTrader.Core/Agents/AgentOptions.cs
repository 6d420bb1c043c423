using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Agents;

/// <summary>
/// Which agent this process is, on a database several agents may share, and how its lease is kept. Bound from the <c>Agent</c>
/// section; read once at start-up (a running agent never changes its name).
/// </summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>The name of the agent when none is set, and the agent of the rows written before agents had names.</summary>
    public const string DefaultName = "default";

    /// <summary>The <c>?agent=</c> value that selects every agent; not a valid <see cref="Name"/>.</summary>
    public const string All = "all";

    /// <summary>The agent's name: 1 to 32 letters, digits, '-' or '_' (not <see cref="All"/>). Every row it writes carries it.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>How often the agent renews its lease (wall time).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a starting process watches another's lease heartbeat stay unchanged, by its own clock, before it takes the
    /// name over (elapsed time; the holder's clock is never compared with it); more than twice <see cref="HeartbeatInterval"/>, so
    /// one late heartbeat never loses the lease. Also how old a heartbeat may be for the agent list to call the agent running.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")] public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
