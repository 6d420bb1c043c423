using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

// The journal's batched write: what the fallback journal's group commit hands over in one go.
public sealed partial class EfDecisionJournal
{
    /// <summary>Writes <paramref name="decisions"/> (each with its order, technical view and model interaction) and
    /// <paramref name="snapshots"/> in one transaction: all or none. Decisions keep their order (their <c>seq</c> follows the list).</summary>
    public async Task RecordAllAsync(IReadOnlyList<DecisionRecord> decisions, IReadOnlyList<PerformanceSnapshot> snapshots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(snapshots);
        using var timing = metrics?.TimeJournalWrite(decisions.Count + snapshots.Count == 1 ? (decisions.Count == 1 ? "decision" : "snapshot") : "batch");
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.ChangeTracker.AutoDetectChangesEnabled = false; // new rows only: nothing to detect
        foreach (var decision in decisions) context.Decisions.Add(JournalMapping.ToEntity(decision));
        foreach (var snapshot in snapshots) context.PerformanceSnapshots.Add(JournalMapping.ToEntity(snapshot));
        await context.SaveChangesAsync(cancellationToken);
    }
}
