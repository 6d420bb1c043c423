using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="IDecisionJournal"/> over EF Core: a short-lived context per call, no tracking on reads, one
/// SaveChanges per write (a decision, its order and fills, its technical view and its model interaction are one transaction;
/// <see cref="RecordAllAsync"/> puts many decisions in one; reads load them in one query). Read limits are clamped to 1..<see cref="MaxLimit"/>.
/// Every row it writes carries its agent's name and every read sees that agent's rows only; <see cref="ForAgent"/> gives a
/// read-only view of another agent's (or all).
/// </summary>
public sealed partial class EfDecisionJournal : IDecisionJournal
{
    /// <summary>The most rows any read returns.</summary>
    public const int MaxLimit = 1000;

    private readonly IDbContextFactory<TradingDbContext> contexts;
    private readonly TradingMetrics? metrics;
    private readonly string? _agent; // null: every agent (a read-only view)
    private readonly bool _readOnly;

    public EfDecisionJournal(IDbContextFactory<TradingDbContext> contexts, AgentIdentity agent, TradingMetrics? metrics = null)
        : this(contexts, agent?.Name ?? throw new ArgumentNullException(nameof(agent)), metrics, readOnly: false)
    {
    }

    private EfDecisionJournal(IDbContextFactory<TradingDbContext> contexts, string? agent, TradingMetrics? metrics, bool readOnly)
    {
        this.contexts = contexts;
        this.metrics = metrics;
        _agent = agent;
        _readOnly = readOnly;
    }

    /// <summary>A read-only view of the journal of <paramref name="agent"/>, or of every agent when it is null. Writing through it throws.</summary>
    public EfDecisionJournal ForAgent(string? agent) => new(contexts, agent, metrics, readOnly: true);

    private string WritingAgent => _readOnly || _agent is null
        ? throw new InvalidOperationException("This journal is a read-only view of other agents; only the agent's own journal writes.")
        : _agent;

    public Task RecordDecisionAsync(DecisionRecord decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return RecordAllAsync([decision], [], cancellationToken);
    }

    public async Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var timing = metrics?.TimeJournalWrite("order");
        var agent = WritingAgent;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Orders.OfAgent(agent)
            .Include(o => o.Fills)
            .SingleOrDefaultAsync(o => o.ClientOrderId == order.ClientOrderId, cancellationToken)
            ?? throw new InvalidOperationException($"No order '{order.ClientOrderId}' is in the journal; record its decision first.");

        row.Status = order.Status;
        row.BrokerOrderId = order.BrokerOrderId;
        row.RejectReason = order.RejectReason;
        var stored = row.Fills.OrderBy(f => f.Id).Select(JournalMapping.ToRecord);
        if (!stored.SequenceEqual(order.Fills))
        {
            context.Fills.RemoveRange(row.Fills);
            row.Fills = order.Fills.Select(f => JournalMapping.ToEntity(order.ClientOrderId, f)).ToList();
            foreach (var fill in row.Fills) fill.Agent = agent;
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OrderRecord>> GetOpenOrdersAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Orders.AsNoTracking().OfAgent(_agent)
            .Where(o => OrderStatuses.Open.Contains(o.Status))
            .Include(o => o.Fills)
            .OrderBy(o => o.SubmittedAt).ThenBy(o => o.ClientOrderId)
            .ToListAsync(cancellationToken);
        return rows.Select(JournalMapping.ToRecord).ToList();
    }

    public async Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(string? symbol, int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.Decisions.AsNoTracking().OfAgent(_agent);
        if (symbol is not null)
        {
            query = query.Where(d => d.Symbol == symbol);
        }
        var rows = await query
            .OrderByDescending(d => d.Time).ThenByDescending(d => d.Seq)
            .Take(Clamp(limit))
            .Include(d => d.Order).ThenInclude(o => o!.Fills)
            .Include(d => d.Interaction)
            .ToListAsync(cancellationToken);
        return rows.Select(JournalMapping.ToRecord).ToList();
    }

    public async Task<DecisionRecord?> GetDecisionAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Decisions.AsNoTracking().OfAgent(_agent)
            .Include(d => d.Order).ThenInclude(o => o!.Fills)
            .Include(d => d.Interaction)
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row is null ? null : JournalMapping.ToRecord(row);
    }

    public async Task<IReadOnlyList<TradeRecord>> GetTradesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Fills.AsNoTracking().OfAgent(_agent)
            .OrderByDescending(f => f.Time).ThenByDescending(f => f.Id)
            .Take(Clamp(limit))
            .Select(f => new TradeRecord(
                f.ClientOrderId, f.Order!.DecisionId, f.Order.Symbol, f.Order.Side, f.Quantity, f.Price, f.Commission, f.Time) { Agent = f.Agent })
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountOrdersSinceAsync(DateTime marketTimeFrom, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Orders.OfAgent(_agent)
            .CountAsync(o => o.BarTime >= marketTimeFrom && o.Status != OrderStatus.Rejected, cancellationToken);
    }

    public async Task RecordSnapshotAsync(PerformanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var timing = metrics?.TimeJournalWrite("snapshot");
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = JournalMapping.ToEntity(snapshot);
        row.Agent = WritingAgent;
        context.PerformanceSnapshots.Add(row);
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PerformanceSnapshot>> GetSnapshotsAsync(DateTime? from, int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.PerformanceSnapshots.AsNoTracking().OfAgent(_agent);
        if (from is { } start)
        {
            query = query.Where(s => s.Time >= start);
        }
        var newestFirst = await query
            .OrderByDescending(s => s.Time).ThenByDescending(s => s.Id)
            .Take(Clamp(limit))
            .ToListAsync(cancellationToken);
        return newestFirst.AsEnumerable().Reverse().Select(JournalMapping.ToRecord).ToList();
    }

    private static int Clamp(int limit) => Math.Clamp(limit, 1, MaxLimit);

    private static PerformanceSnapshotEntity StampSnapshot(PerformanceSnapshotEntity row, string agent)
    {
        row.Agent = agent;
        return row;
    }

    /// <summary>Puts <paramref name="agent"/> on a decision row and the order, fills and interaction written with it.</summary>
    private static DecisionEntity Stamp(DecisionEntity row, string agent)
    {
        row.Agent = agent;
        if (row.Order is { } order)
        {
            order.Agent = agent;
            foreach (var fill in order.Fills) fill.Agent = agent;
        }
        if (row.Interaction is { } interaction) interaction.Agent = agent;
        return row;
    }
}
