using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="IDecisionJournal"/> over EF Core: a short-lived context per call, no tracking on reads, one
/// SaveChanges per write (a decision, its order and fills, its technical view and its model interaction are one transaction;
/// <see cref="RecordAllAsync"/> puts many decisions in one; reads load them in one query). Read limits are clamped to 1..<see cref="MaxLimit"/>.
/// </summary>
public sealed partial class EfDecisionJournal(IDbContextFactory<TradingDbContext> contexts, TradingMetrics? metrics = null) : IDecisionJournal
{
    /// <summary>The most rows any read returns.</summary>
    public const int MaxLimit = 1000;

    public Task RecordDecisionAsync(DecisionRecord decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return RecordAllAsync([decision], [], cancellationToken);
    }

    public async Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var timing = metrics?.TimeJournalWrite("order");
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Orders
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
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OrderRecord>> GetOpenOrdersAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Orders.AsNoTracking()
            .Where(o => OrderStatuses.Open.Contains(o.Status))
            .Include(o => o.Fills)
            .OrderBy(o => o.SubmittedAt).ThenBy(o => o.ClientOrderId)
            .ToListAsync(cancellationToken);
        return rows.Select(JournalMapping.ToRecord).ToList();
    }

    public async Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(string? symbol, int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.Decisions.AsNoTracking();
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
        var row = await context.Decisions.AsNoTracking()
            .Include(d => d.Order).ThenInclude(o => o!.Fills)
            .Include(d => d.Interaction)
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row is null ? null : JournalMapping.ToRecord(row);
    }

    public async Task<IReadOnlyList<TradeRecord>> GetTradesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Fills.AsNoTracking()
            .OrderByDescending(f => f.Time).ThenByDescending(f => f.Id)
            .Take(Clamp(limit))
            .Select(f => new TradeRecord(
                f.ClientOrderId, f.Order!.DecisionId, f.Order.Symbol, f.Order.Side, f.Quantity, f.Price, f.Commission, f.Time))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountOrdersSinceAsync(DateTime marketTimeFrom, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Orders
            .CountAsync(o => o.BarTime >= marketTimeFrom && o.Status != OrderStatus.Rejected, cancellationToken);
    }

    public async Task RecordSnapshotAsync(PerformanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var timing = metrics?.TimeJournalWrite("snapshot");
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.PerformanceSnapshots.Add(JournalMapping.ToEntity(snapshot));
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RecordedBar>>> GetDecidedClosesAsync(DateTime marketTimeFrom, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Decisions.AsNoTracking()
            .Where(d => d.BarTime >= marketTimeFrom)
            .OrderBy(d => d.BarTime).ThenBy(d => d.Seq)
            .Select(d => new { d.Symbol, d.BarTime, d.IndicatorsJson })
            .ToListAsync(cancellationToken);
        return DecidedCloses.Group(rows.Select(r =>
            (r.Symbol, new RecordedBar(r.BarTime, PersistenceJson.Deserialize<Indicators.IndicatorSnapshot>(r.IndicatorsJson, "indicator snapshot").Close))));
    }

    public async Task<IReadOnlyList<PerformanceSnapshot>> GetSnapshotsAsync(DateTime? from, int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.PerformanceSnapshots.AsNoTracking();
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
}
