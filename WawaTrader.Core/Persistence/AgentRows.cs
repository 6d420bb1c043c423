namespace WawaTrader.Core.Persistence;

/// <summary>A row that belongs to one agent (<see cref="Agent"/>, the <c>agent</c> column).</summary>
internal interface IAgentRow
{
    string Agent { get; set; }
}

internal static class AgentRows
{
    /// <summary>The rows of <paramref name="agent"/>; all rows when it is null (the read-only view of every agent).</summary>
    public static IQueryable<T> OfAgent<T>(this IQueryable<T> rows, string? agent) where T : class, IAgentRow =>
        agent is null ? rows : rows.Where(r => r.Agent == agent);
}
