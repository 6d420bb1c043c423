namespace WawaTrader.Core.Market;

/// <summary>Watchlist handling shared by the markets: trimmed, upper-case, distinct symbols, looked up ignoring case.</summary>
internal static class WatchlistSymbols
{
    public static IReadOnlyList<string> Normalize(IEnumerable<string> watchlist) =>
        watchlist.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    public static ArgumentException Unknown(string symbol, IReadOnlyList<string> symbols) =>
        new($"Unknown symbol '{symbol}': this market serves {string.Join(", ", symbols)} (Trading:Watchlist).", nameof(symbol));
}
