using Microsoft.Extensions.Options;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market;

/// <summary>
/// The default market: one-minute OHLCV bars from a seeded geometric random walk per watchlist symbol, released in
/// wall time. At construction the market time of the first live bar is fixed to the wall time floored to the minute
/// (call it <c>start</c>); <see cref="SimulationOptions.WarmupBars"/> bars of history end at start − 1 minute; live bar
/// n has market time start + n minutes and closes after (n + 1)·<see cref="SimulationOptions.BarSeconds"/> seconds of
/// wall time. Bars are generated lazily, in order, and cached, so the same seed gives the same bars whatever the
/// order or timing of the calls. A symbol added to the watchlist while the app runs gets its own series on first use,
/// with the same warm-up history, so a settings change applies without a restart. Thread-safe.
/// </summary>
public sealed class SimulatedMarket : IMarketData
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SymbolSeries> _series;
    private readonly BarPacer _pacer;
    private readonly int _warmupBars;
    private readonly int _seed;
    private readonly DateTime _firstBarTime;

    public SimulatedMarket(IOptions<SimulationOptions> simulation, IOptions<TradingOptions> trading, TimeProvider time)
    {
        var options = simulation.Value;
        _pacer = new BarPacer(time, options.BarSeconds);
        _warmupBars = options.WarmupBars;
        var startTicks = _pacer.StartWallTime.UtcTicks;
        StartMarketTime = new DateTime(startTicks - startTicks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

        Symbols = WatchlistSymbols.Normalize(trading.Value.Watchlist);
        _seed = options.Seed;
        _firstBarTime = StartMarketTime.AddMinutes(-_warmupBars);
        _series = new(StringComparer.OrdinalIgnoreCase);
        foreach (var symbol in Symbols) _series[symbol] = NewSeries(symbol);
    }

    private SymbolSeries NewSeries(string symbol) => new(
        new RandomWalk(SymbolProfile.For(symbol, _seed), new SimulationRandom(SimulationRandom.SeedFor(_seed, symbol, salt: 0xBA55))),
        _firstBarTime);

    public string Name => "Simulated";

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Market time (UTC) of the first live bar: the creation wall time floored to the minute.</summary>
    public DateTime StartMarketTime { get; }

    public Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var series = Find(symbol);
        var closed = ClosedBars();
        return Task.FromResult(series.Range(Math.Max(0, closed - count), closed));
    }

    public Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        var series = Find(symbol);
        var closed = ClosedBars();
        var from = series.FirstIndexAfter(after);
        return Task.FromResult(series.Range(Math.Min(from, closed), closed));
    }

    private int ClosedBars() => _warmupBars + _pacer.ClosedLiveBars();

    private SymbolSeries Find(string symbol)
    {
        if (_series.TryGetValue(symbol, out var series)) return series;
        if (!IsTicker(symbol)) throw WatchlistSymbols.Unknown(symbol, Symbols);
        return _series.GetOrAdd(symbol.ToUpperInvariant(), NewSeries);
    }

    /// <summary>1–10 letters, digits, '.' or '-', starting with a letter (AAPL, BRK.B, BF-B).</summary>
    private static bool IsTicker(string symbol) =>
        symbol is { Length: > 0 and <= 10 } && char.IsAsciiLetter(symbol[0]) && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    /// <summary>One symbol's bars generated so far; bar k has market time firstBarTime + k minutes.</summary>
    private sealed class SymbolSeries(RandomWalk walk, DateTime firstBarTime)
    {
        private readonly Lock _gate = new();
        private readonly List<Bar> _bars = [];

        public int FirstIndexAfter(DateTime after)
        {
            if (after < firstBarTime) return 0;
            var index = (after.Ticks - firstBarTime.Ticks) / TimeSpan.TicksPerMinute + 1;
            return (int)Math.Min(index, int.MaxValue);
        }

        public IReadOnlyList<Bar> Range(int from, int to)
        {
            if (from >= to) return [];
            lock (_gate)
            {
                while (_bars.Count < to) _bars.Add(walk.Next(firstBarTime.AddMinutes(_bars.Count)));
                var result = new Bar[to - from];
                _bars.CopyTo(from, result, 0, result.Length);
                return result;
            }
        }
    }
}
