using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="IPaperLedgerStore"/> as one row of <c>paper_ledger</c> holding the ledger as JSON;
/// <see cref="SaveAsync"/> overwrites it (inserting it the first time). <c>updated_at</c> is wall time (UTC).
/// </summary>
public sealed class EfPaperLedgerStore(IDbContextFactory<TradingDbContext> contexts, TimeProvider time) : IPaperLedgerStore
{
    public async Task<PaperLedger?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await context.PaperLedger.AsNoTracking()
            .Where(l => l.Id == PaperLedgerEntity.SingletonId)
            .Select(l => l.Json)
            .SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : PersistenceJson.Deserialize<PaperLedger>(json, "paper ledger");
    }

    public async Task SaveAsync(PaperLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var json = PersistenceJson.Serialize(ledger);
        var now = time.GetUtcNow().UtcDateTime;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (await UpdateAsync(context, json, now, cancellationToken) > 0) return;
        try
        {
            context.PaperLedger.Add(new PaperLedgerEntity { Id = PaperLedgerEntity.SingletonId, Json = json, UpdatedAt = now });
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save inserted the row between our update and insert: ours is the newer book, so overwrite.
            context.ChangeTracker.Clear();
            if (await UpdateAsync(context, json, now, cancellationToken) == 0) throw;
        }
    }

    private static Task<int> UpdateAsync(TradingDbContext context, string json, DateTime now, CancellationToken cancellationToken) =>
        context.PaperLedger
            .Where(l => l.Id == PaperLedgerEntity.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Json, json).SetProperty(l => l.UpdatedAt, now), cancellationToken);
}
