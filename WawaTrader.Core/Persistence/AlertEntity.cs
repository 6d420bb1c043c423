using WawaTrader.Core.Alerts;

namespace WawaTrader.Core.Persistence;

/// <summary>A row of <c>alerts</c>: one alert on one channel (<see cref="AlertDelivery"/>).</summary>
internal sealed class AlertEntity : IAgentRow
{
    public string Agent { get; set; } = "";
    public long Id { get; set; }
    public required DateTime Time { get; set; }
    public required AlertType Type { get; set; }
    public required AlertSeverity Severity { get; set; }
    public required AlertChannelKind Channel { get; set; }
    public required string Subject { get; set; }
    public required AlertStatus Status { get; set; }
    public required int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTime? CompletedAt { get; set; }
    public Guid? DecisionId { get; set; }
    public required int Count { get; set; }
}
