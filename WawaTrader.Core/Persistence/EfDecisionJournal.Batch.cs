using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

// The journal's batched write: what the fallback journal's group commit hands over in one go.
public sealed partial class EfDecisionJournal
{
    /// <summary>
    /// Writes <paramref name="decisions"/> (each with its order and fills, technical view and model interaction) and
    /// <paramref name="snapshots"/> in one transaction: all or none. Rows go in as plain inserts in the given order, without
    /// change tracking (<see cref="RowInserter{T}"/>, one prepared statement per table): decisions keep their order (their <c>seq</c> follows the list).
    /// </summary>
    public async Task RecordAllAsync(IReadOnlyList<DecisionRecord> decisions, IReadOnlyList<PerformanceSnapshot> snapshots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(snapshots);
        using var timing = metrics?.TimeJournalWrite(decisions.Count + snapshots.Count == 1 ? (decisions.Count == 1 ? "decision" : "snapshot") : "batch");
        var agent = WritingAgent;
        var rows = decisions.Select(d => Stamp(JournalMapping.ToEntity(d), agent)).ToList(); // mapped (and checked) before the transaction starts
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var inserters = Inserters.For(context);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // Parents before children: orders and interactions refer to decisions, fills to orders.
            await inserters.Decisions.InsertAsync(context, rows, cancellationToken);
            var orders = rows.Where(r => r.Order is not null).Select(r => r.Order!).ToList();
            await inserters.Orders.InsertAsync(context, orders, cancellationToken);
            await inserters.Fills.InsertAsync(context, orders.SelectMany(o => o.Fills).ToList(), cancellationToken);
            await inserters.Interactions.InsertAsync(context, rows.Where(r => r.Interaction is not null).Select(r => r.Interaction!).ToList(), cancellationToken);
            await inserters.Snapshots.InsertAsync(context, snapshots.Select(s => StampSnapshot(JournalMapping.ToEntity(s), agent)).ToList(), cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException($"The journal refused a write: {ex.Message}", ex); // as SaveChanges reports it
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The inserters of the journal's tables, made once per model (the statements never change).</summary>
    private sealed record Inserters(
        RowInserter<DecisionEntity> Decisions,
        RowInserter<OrderEntity> Orders,
        RowInserter<FillEntity> Fills,
        RowInserter<LlmInteractionEntity> Interactions,
        RowInserter<PerformanceSnapshotEntity> Snapshots)
    {
        private static Inserters? s_sqlite;
        private static Inserters? s_other;

        public static Inserters For(TradingDbContext context)
        {
            var sqlite = context.Database.IsSqlite();
            var cached = sqlite ? s_sqlite : s_other;
            if (cached is not null) return cached;
            var made = new Inserters(new(context), new(context), new(context), new(context), new(context));
            if (sqlite) s_sqlite = made; else s_other = made;
            return made;
        }
    }
}
