namespace WawaTrader.Core.Brokers;

/// <summary>
/// A paper ledger kept in memory (backtests and tests). Saves and loads deep copies, so neither the broker nor a reader
/// ever shares a list or record with the stored ledger. Thread-safe.
/// </summary>
public sealed class InMemoryPaperLedgerStore : IPaperLedgerStore
{
    private readonly Lock _gate = new();
    private PaperLedger? _ledger;
    private int _saveCount;

    /// <summary>Starts empty (a new account), or with a copy of <paramref name="initial"/>.</summary>
    public InMemoryPaperLedgerStore(PaperLedger? initial = null) => _ledger = initial is null ? null : Copy(initial);

    /// <summary>How many times <see cref="SaveAsync"/> has been called.</summary>
    public int SaveCount
    {
        get { lock (_gate) return _saveCount; }
    }

    public Task<PaperLedger?> LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult(_ledger is null ? null : Copy(_ledger));
    }

    public Task SaveAsync(PaperLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        cancellationToken.ThrowIfCancellationRequested();
        var copy = Copy(ledger);
        lock (_gate)
        {
            _ledger = copy;
            _saveCount++;
        }
        return Task.CompletedTask;
    }

    private static PaperLedger Copy(PaperLedger ledger) => new(
        ledger.Cash,
        ledger.RealizedPnl,
        ledger.Positions.Select(p => p with { }).ToArray(),
        ledger.Orders.Select(o => o with { Fills = o.Fills.Select(f => f with { }).ToArray() }).ToArray(),
        ledger.Marks.ToDictionary(m => m.Key, m => m.Value with { }, StringComparer.Ordinal));
}
