namespace WawaTrader.Core.Market;

/// <summary>
/// When the agent last received a new bar (wall time, from the injected <see cref="TimeProvider"/>) and the market time of the
/// newest bar it has, across the watchlist. Fed by the trading cycle, read by the market-data health check. Thread-safe.
/// </summary>
public sealed class MarketFreshness(TimeProvider time)
{
    private readonly Lock _gate = new();
    private (DateTime BarTime, DateTimeOffset ReceivedAt)? _newest;

    /// <summary>Wall time at which tracking started (the app's start), the reference before any bar arrives.</summary>
    public DateTimeOffset Since { get; } = time.GetUtcNow();

    /// <summary>The newest bar's market time and the wall time it arrived at; null before the first bar.</summary>
    public (DateTime BarTime, DateTimeOffset ReceivedAt)? Newest
    {
        get { lock (_gate) return _newest; }
    }

    /// <summary>A bar with market time <paramref name="barTime"/> was accepted; it counts when newer than the newest so far.</summary>
    public void BarReceived(DateTime barTime)
    {
        lock (_gate)
        {
            if (_newest is { } newest && barTime <= newest.BarTime) return;
            _newest = (barTime, time.GetUtcNow());
        }
    }
}
