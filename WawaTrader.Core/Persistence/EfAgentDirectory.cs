using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Agents;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="IAgentDirectory"/> over the <c>agent_leases</c> and <c>decisions</c> tables: every agent with a lease or a decision,
/// running when its lease is held (not released) and its heartbeat is younger than this process's <see cref="AgentOptions.LeaseTimeout"/>.
/// </summary>
public sealed class EfAgentDirectory(IDbContextFactory<TradingDbContext> contexts, IOptions<AgentOptions> options, TimeProvider time) : IAgentDirectory
{
    public async Task<IReadOnlyList<AgentSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var leases = await context.AgentLeases.AsNoTracking().ToDictionaryAsync(l => l.Agent, StringComparer.Ordinal, cancellationToken);
        var decided = await context.Decisions.AsNoTracking()
            .GroupBy(d => d.Agent)
            .Select(g => new { Agent = g.Key, Last = g.Max(d => d.Time), Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Agent, StringComparer.Ordinal, cancellationToken);
        var freshAfter = time.GetUtcNow().UtcDateTime - options.Value.LeaseTimeout;
        return leases.Keys.Union(decided.Keys).Order(StringComparer.Ordinal).Select(name =>
        {
            var lease = leases.GetValueOrDefault(name);
            var decisions = decided.GetValueOrDefault(name);
            return new AgentSummary(
                name,
                lease is { ReleasedAt: null } && lease.HeartbeatAt >= freshAfter,
                lease?.Host,
                lease?.ProcessId,
                lease?.HeartbeatAt,
                decisions?.Last,
                decisions?.Count ?? 0);
        }).ToList();
    }
}
