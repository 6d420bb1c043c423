namespace WawaTrader.Core.Brokers;

/// <summary>
/// The paper broker's whole book, saved after every change so a restart continues where it left off.
/// Money in account currency; times market time (UTC).
/// </summary>
public sealed record PaperLedger(
    decimal Cash,
    decimal RealizedPnl,
    IReadOnlyList<PaperPosition> Positions,
    IReadOnlyList<BrokerOrder> Orders,
    IReadOnlyDictionary<string, PaperMark> Marks);

/// <summary>A held paper position: shares, average entry price (commission excluded), realised P&amp;L of the symbol, and
/// <see cref="OpenCommission"/>: the buy commissions of the shares still held (part of their cost, released pro rata as they
/// are sold; 0 in a ledger saved before it was kept).</summary>
public sealed record PaperPosition(string Symbol, decimal Quantity, decimal AveragePrice, decimal RealizedPnl, decimal OpenCommission = 0m);

/// <summary>The last bar the paper broker saw for a symbol: its time (market, UTC) and close, used to mark positions.</summary>
public sealed record PaperMark(DateTime BarTime, decimal Close);

/// <summary>Loads and saves the paper broker's ledger (an edge: the database in the app, memory in tests).</summary>
public interface IPaperLedgerStore
{
    /// <summary>The saved ledger, or null when none was ever saved (a new account).</summary>
    Task<PaperLedger?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(PaperLedger ledger, CancellationToken cancellationToken);
}
