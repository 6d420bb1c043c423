using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Persistence;

/// <summary>A row of <c>reconciliation_events</c>: one difference between the broker and our records, repaired in our records
/// (<see cref="ReconciliationEvent"/>), tagged with the agent that found it.</summary>
internal sealed class ReconciliationEventEntity : IAgentRow
{
    public long Id { get; set; }
    public required string Agent { get; set; }
    public required DateTime Time { get; set; }
    public required ReconciliationKind Kind { get; set; }
    public string? Symbol { get; set; }
    public string? OurValue { get; set; }
    public string? BrokerValue { get; set; }
    public required string Description { get; set; }
    public string? ClientOrderId { get; set; }
}
