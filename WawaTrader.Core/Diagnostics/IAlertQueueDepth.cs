namespace WawaTrader.Core.Diagnostics;

/// <summary>
/// Hook for the <see cref="TradingMetricNames.AlertQueueDepth"/> gauge: the alert sender registers itself as this (singleton)
/// to report how many alerts wait to be sent. Until one is registered the gauge reports no value at all (never a made-up 0).
/// </summary>
public interface IAlertQueueDepth
{
    /// <summary>Alerts queued and not yet delivered to every channel.</summary>
    int QueuedAlerts { get; }
}
