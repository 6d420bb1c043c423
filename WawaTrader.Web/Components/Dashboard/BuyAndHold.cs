using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Dashboard;

/// <summary>
/// The benchmark drawn under the equity curve: the starting equity split equally across the symbols priced at the start
/// (fractional shares, no costs), bought at their close at or before the start's market time and held. Prices are each
/// symbol's last close at or before a snapshot's market time, so the benchmark never looks ahead.
/// </summary>
public sealed class BuyAndHold
{
    private BuyAndHold(decimal startEquity, IReadOnlyDictionary<string, decimal> shares)
    {
        StartEquity = startEquity;
        Shares = shares;
    }

    /// <summary>Equity invested at the start, in account currency.</summary>
    public decimal StartEquity { get; }

    /// <summary>Shares bought of each symbol (fractional).</summary>
    public IReadOnlyDictionary<string, decimal> Shares { get; }

    /// <summary>Buys <paramref name="equity"/> split equally across the symbols that have a close at or before
    /// <paramref name="marketTime"/>; null when none has (the bars do not reach back that far).</summary>
    public static BuyAndHold? Open(decimal equity, DateTime marketTime, IReadOnlyDictionary<string, IReadOnlyList<Bar>> bars)
    {
        var prices = bars
            .Select(kv => (Symbol: kv.Key, Close: CloseAtOrBefore(kv.Value, marketTime)))
            .Where(p => p.Close is > 0 && double.IsFinite(p.Close.Value))
            .ToList();
        if (prices.Count == 0) return null;
        var perSymbol = equity / prices.Count;
        return new BuyAndHold(equity, prices.ToDictionary(p => p.Symbol, p => perSymbol / (decimal)p.Close!.Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The holdings marked at each symbol's close at or before <paramref name="marketTime"/>; null when a held symbol has no such close.</summary>
    public decimal? ValueAt(DateTime marketTime, IReadOnlyDictionary<string, IReadOnlyList<Bar>> bars)
    {
        var value = 0m;
        foreach (var (symbol, shares) in Shares)
        {
            if (!bars.TryGetValue(symbol, out var series) || CloseAtOrBefore(series, marketTime) is not { } close || !double.IsFinite(close)) return null;
            value += shares * (decimal)close;
        }
        return value;
    }

    /// <summary>
    /// The benchmark at each snapshot's wall time, starting at the first snapshot where it can open (its equity is the
    /// starting equity); snapshots oldest first. Empty when the bars reach none of the snapshots.
    /// </summary>
    public static IReadOnlyList<ChartPoint> Series(IReadOnlyList<PerformanceSnapshot> snapshots, IReadOnlyDictionary<string, IReadOnlyList<Bar>> bars)
    {
        var points = new List<ChartPoint>(snapshots.Count);
        BuyAndHold? held = null;
        foreach (var snapshot in snapshots)
        {
            held ??= Open(snapshot.Equity, snapshot.MarketTime, bars);
            if (held?.ValueAt(snapshot.MarketTime, bars) is { } value) points.Add(new ChartPoint(snapshot.Time, value));
        }
        return points;
    }

    /// <summary>
    /// The prices the benchmark reads for each symbol of <paramref name="bars"/>: the closes the journal recorded
    /// (<paramref name="recorded"/>, as flat bars) and, after the last of them, the market's bars. The past is drawn from what was
    /// recorded, so a market that regenerates its history (the simulated one after a restart) never redraws it.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Bar>> WithRecorded(
        IReadOnlyDictionary<string, IReadOnlyList<RecordedBar>> recorded, IReadOnlyDictionary<string, IReadOnlyList<Bar>> bars)
    {
        var prices = new Dictionary<string, IReadOnlyList<Bar>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (symbol, series) in bars)
        {
            if (!recorded.TryGetValue(symbol, out var closes) || closes.Count == 0)
            {
                prices[symbol] = series;
                continue;
            }
            var last = closes[^1].Time;
            prices[symbol] = [.. closes.Select(c => new Bar(c.Time, c.Close, c.Close, c.Close, c.Close, 0)), .. series.Where(b => b.Time > last)];
        }
        return prices;
    }

    /// <summary>The close of the last bar whose time is at or before <paramref name="marketTime"/> (bars oldest first), or null.</summary>
    public static double? CloseAtOrBefore(IReadOnlyList<Bar> bars, DateTime marketTime)
    {
        int lo = 0, hi = bars.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (bars[mid].Time <= marketTime) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : bars[found].Close;
    }
}
