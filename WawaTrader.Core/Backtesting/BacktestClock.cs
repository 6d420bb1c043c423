namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The wall clock of one backtest: it stands still at the time the <see cref="Backtester"/> sets (the current bar's time,
/// UTC) and moves only when the backtester advances it, so "now" inside the trading cycle is the bar being replayed.
/// </summary>
internal sealed class BacktestClock : TimeProvider
{
    private DateTimeOffset _now;

    public BacktestClock(DateTime start) => Set(start);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="utc"/> (a bar time, UTC).</summary>
    public void Set(DateTime utc) => _now = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
