using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>What fetching one symbol from Alpaca did to the bar cache: the upsert counts and the time of the first and last bar
/// fetched (null when Alpaca had none in the range).</summary>
public sealed record AlpacaImportResult(string Symbol, BarUpsertResult Result, DateTime? First, DateTime? Last);

/// <summary>
/// Fills the bar cache from Alpaca's history, which is how backtests (<c>--symbol</c>, <c>symbols</c>) read it. Every symbol is
/// fetched before anything is written, so a failure (an unknown symbol, refused keys, an invalid bar) leaves the cache as it was;
/// fetching the same range again adds nothing.
/// </summary>
public sealed class AlpacaBarImporter(AlpacaHistoricalBars history, ILogger<AlpacaBarImporter> logger)
{
    /// <summary>True when both Alpaca keys are configured.</summary>
    public bool HasKeys => history.HasKeys;

    /// <summary>Fetches <paramref name="symbols"/> (trimmed, upper-cased, duplicates dropped) in <paramref name="timeframe"/> over the
    /// New York dates <paramref name="from"/>…<paramref name="to"/> (inclusive) and upserts them into <paramref name="cache"/>; one
    /// result per symbol, in the order given.</summary>
    /// <exception cref="AlpacaException">Any symbol failed to fetch; nothing was written.</exception>
    /// <exception cref="ArgumentException">A bad argument (see <see cref="AlpacaHistoricalBars.GetBarsAsync"/>), or a bar the cache refuses.</exception>
    public async Task<IReadOnlyList<AlpacaImportResult>> ImportAsync(IReadOnlyList<string> symbols, string timeframe, DateOnly from, DateOnly to,
        IBarCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(cache);
        var unique = symbols.Select(s => s?.Trim().ToUpperInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (unique.Count == 0 || unique.Any(s => s.Length == 0)) throw new ArgumentException("Name at least one symbol, none blank.", nameof(symbols));

        var fetched = new List<(string Symbol, Bar[] Bars)>(unique.Count);
        foreach (var symbol in unique)
            fetched.Add((symbol, await history.GetBarsAsync(symbol, timeframe, from, to, cancellationToken).ConfigureAwait(false)));

        var results = new List<AlpacaImportResult>(fetched.Count);
        foreach (var (symbol, bars) in fetched)
        {
            var result = bars.Length == 0 ? default : await cache.UpsertAsync(symbol, bars, cancellationToken).ConfigureAwait(false);
            Log.BarsCached(logger, symbol, result.Added, result.Updated, result.Unchanged);
            results.Add(new AlpacaImportResult(symbol, result, bars.Length > 0 ? bars[0].Time : null, bars.Length > 0 ? bars[^1].Time : null));
        }
        return results;
    }
}
