using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="IPaperLedgerStore"/> as the agent's row of <c>paper_ledger</c> (one per agent: each has its own paper account) holding the ledger as JSON;
/// <see cref="SaveAsync"/> overwrites it (inserting it the first time). <c>updated_at</c> is wall time (UTC).
/// </summary>
public sealed class EfPaperLedgerStore(IDbContextFactory<TradingDbContext> contexts, AgentIdentity agent, TimeProvider time) : IPaperLedgerStore
{
    public async Task<PaperLedger?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await context.PaperLedger.AsNoTracking()
            .Where(l => l.Agent == agent.Name)
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
            context.PaperLedger.Add(new PaperLedgerEntity { Agent = agent.Name, Json = json, UpdatedAt = now });
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save inserted the row between our update and insert: ours is the newer book, so overwrite.
            context.ChangeTracker.Clear();
            if (await UpdateAsync(context, json, now, cancellationToken) == 0) throw;
        }
    }

    private Task<int> UpdateAsync(TradingDbContext context, string json, DateTime now, CancellationToken cancellationToken) =>
        context.PaperLedger
            .Where(l => l.Agent == agent.Name)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Json, json).SetProperty(l => l.UpdatedAt, now), cancellationToken);
}
