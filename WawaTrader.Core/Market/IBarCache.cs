namespace WawaTrader.Core.Market;

/// <summary>
/// The database's store of closed bars, one series per symbol (symbols trimmed and upper-cased; a bar is keyed by symbol and
/// <see cref="Bar.Time"/>, UTC). Filled by <c>bars import</c> and by the live agent (<see cref="CachingMarketData"/>); read by
/// backtests. A symbol holds one bar size: daily bars (stamped at midnight UTC, their New York date) or intraday bars, never both
/// (<see cref="UpsertAsync"/> refuses a batch of the other size).
/// </summary>
public interface IBarCache
{
    /// <summary>
    /// Writes <paramref name="bars"/> of <paramref name="symbol"/> in one transaction: a bar at a new time is added, one at a cached
    /// time with other prices or volume replaces it, an identical one changes nothing (so re-importing a file is a no-op). The bars
    /// may come in any order; the same time twice with different values is refused.
    /// </summary>
    /// <exception cref="InvalidBarException">A bar with a non-finite price or volume, a negative volume or a high below its low
    /// (names symbol and time); nothing of the batch is written.</exception>
    /// <exception cref="BarSizeConflictException">Bars of the other size than the symbol's cached ones (an intraday bar for a daily
    /// symbol, daily bars for an intraday one); nothing of the batch is written.</exception>
    Task<BarUpsertResult> UpsertAsync(string symbol, IReadOnlyList<Bar> bars, CancellationToken cancellationToken);

    /// <summary>The cached bars of <paramref name="symbol"/> with <paramref name="from"/> ≤ time ≤ <paramref name="to"/> (UTC), oldest
    /// first; empty when none.</summary>
    Task<Bar[]> GetBarsAsync(string symbol, DateTime from, DateTime to, CancellationToken cancellationToken);

    /// <summary>Every cached symbol with its first and last bar time and bar count, ordered by symbol.</summary>
    Task<IReadOnlyList<CachedSymbol>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>What one <see cref="IBarCache.UpsertAsync"/> did: bars added, bars whose values replaced the cached ones, bars already
/// cached with the same values.</summary>
public readonly record struct BarUpsertResult(int Added, int Updated, int Unchanged)
{
    /// <summary>Bars in the batch (after dropping exact duplicates within it).</summary>
    public int Total => Added + Updated + Unchanged;
}

/// <summary>A symbol in the bar cache: times of its first and last bar (UTC) and how many bars it has.</summary>
public sealed record CachedSymbol(string Symbol, DateTime First, DateTime Last, int Count);

/// <summary>A bar the cache refuses; the message names symbol, time and the problem.</summary>
public sealed class InvalidBarException(string symbol, DateTime time, string problem)
    : ArgumentException($"{symbol} bar at {time:yyyy-MM-dd HH:mm:ss} UTC is invalid: {problem}; nothing of this batch was cached.")
{
    public string Symbol { get; } = symbol;
    public DateTime Time { get; } = time;
    public string Problem { get; } = problem;
}

/// <summary>A batch whose bar size (daily or intraday) differs from the bars the cache holds for its symbol; the message names
/// symbol, time and both sizes.</summary>
public sealed class BarSizeConflictException(string symbol, DateTime time, string problem)
    : ArgumentException($"{symbol} bar at {time:yyyy-MM-dd HH:mm:ss} UTC is refused: {problem}; nothing of this batch was cached.")
{
    public string Symbol { get; } = symbol;
    public DateTime Time { get; } = time;
}
