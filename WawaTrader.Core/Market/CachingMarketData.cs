using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Market;

/// <summary>
/// A market that records what it serves: every call is passed to the inner market and its result returned unchanged (the same
/// list), and bars newer than the last ones recorded for the symbol are handed to the <see cref="BarRecorder"/>, which writes them
/// to the bar cache in the background, while <see cref="MarketOptions.CacheBars"/> is on. Recording never blocks, delays or fails
/// a read. Thread-safe.
/// </summary>
public sealed class CachingMarketData(IMarketData inner, BarRecorder recorder, IOptionsMonitor<MarketOptions> options) : IMarketData
{
    private readonly ConcurrentDictionary<string, DateTime> _recordedUpTo = new(StringComparer.OrdinalIgnoreCase);

    public string? Feed => inner.Feed;

    public string Name => inner.Name;

    public IReadOnlyList<string> Symbols => inner.Symbols;

    public async Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        var bars = await inner.GetHistoryAsync(symbol, count, cancellationToken).ConfigureAwait(false);
        Record(symbol, bars);
        return bars;
    }

    public async Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        var bars = await inner.GetBarsSinceAsync(symbol, after, cancellationToken).ConfigureAwait(false);
        Record(symbol, bars);
        return bars;
    }

    private void Record(string symbol, IReadOnlyList<Bar> bars)
    {
        if (bars.Count == 0 || !options.CurrentValue.CacheBars) return;
        var key = symbol.Trim().ToUpperInvariant();
        var after = _recordedUpTo.TryGetValue(key, out var t) ? t : DateTime.MinValue;
        var fresh = bars.Where(b => b.Time > after).ToArray();
        if (fresh.Length == 0) return;
        var last = fresh.Max(b => b.Time);
        if (recorder.TryRecord(key, fresh)) _recordedUpTo.AddOrUpdate(key, last, (_, old) => old > last ? old : last);
    }
}
