using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence.Fallback;

/// <summary>One write the database refused, as a line of the fallback journal file: exactly one of the members is set.</summary>
public sealed record FallbackEntry(
    DecisionRecord? Decision = null,
    OrderRecord? OrderUpdate = null,
    PerformanceSnapshot? Snapshot = null,
    PaperLedger? Ledger = null)
{
    public string Kind => Decision is not null ? "decision" : OrderUpdate is not null ? "order" : Snapshot is not null ? "snapshot" : "ledger";
}
