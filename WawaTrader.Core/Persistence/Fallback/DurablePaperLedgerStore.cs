using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Persistence.Fallback;

/// <summary>The app's <see cref="IPaperLedgerStore"/>: saves through <see cref="DurableJournal"/>; loads the newest ledger, which is
/// the one waiting in the fallback file when there is one.</summary>
public sealed class DurablePaperLedgerStore(DurableJournal durable, EfPaperLedgerStore database) : IPaperLedgerStore
{
    public async Task<PaperLedger?> LoadAsync(CancellationToken cancellationToken) =>
        durable.LatestPendingLedger() ?? await database.LoadAsync(cancellationToken);

    public Task SaveAsync(PaperLedger ledger, CancellationToken cancellationToken) =>
        durable.WriteAsync(new FallbackEntry(Ledger: ledger), cancellationToken);
}
