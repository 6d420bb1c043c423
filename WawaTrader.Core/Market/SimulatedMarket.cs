using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Concurrency;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market;

/// <summary>
/// The default market: one-minute OHLCV bars from a seeded geometric random walk per watchlist symbol (<see cref="RandomWalk"/>),
/// released in wall time. The market time of the first live bar (call it <c>start</c>) is the minute after the last bar the
/// <see cref="ResumePoint"/> holds, so a restart continues the market where it stopped; with nothing recorded it is the creation
/// wall time floored to the minute. <see cref="SimulationOptions.WarmupBars"/> bars of history end at start − 1 minute; live bar
/// n has market time start + n minutes and closes after (n + 1)·<see cref="SimulationOptions.BarSeconds"/> seconds of wall time
/// (counted from the market's creation). A symbol with a recorded bar continues its path from that bar's close: the bars after
/// it are those an uninterrupted run would have made (same seed); the history up to it is the walk taken backwards from it
/// (deterministic, but not the bars served before the restart). A symbol without one starts at its profile price at the first
/// history bar. Bars are generated lazily, in order, and cached, so the same seed and resume point give the same bars whatever
/// the order or timing of the calls. Only the latest <see cref="RetainedBars"/> bars of a symbol (or the warm-up, when longer)
/// are kept, in a buffer allocated once, so a market left running for days holds the same memory as after its first hour: a
/// call for older bars gets those still kept (the bar cache and the journal hold what was served). A symbol added to the watchlist while the app runs gets its own series on first use.
/// The resume point is read once, at the first call. Thread-safe.
/// </summary>
public sealed class SimulatedMarket : IMarketData
{
    private readonly ConcurrentDictionary<string, SymbolSeries> _series = new(StringComparer.OrdinalIgnoreCase);
    private readonly BarPacer _pacer;
    private readonly int _warmupBars;
    private readonly int _retainedBars;
    private readonly int _seed;
    private readonly DateTime _wallStartMinute;
    private readonly IResumePointSource? _resume;
    private readonly AsyncGate _loading = new();
    private Timeline? _timeline;

    public SimulatedMarket(IOptions<SimulationOptions> simulation, IOptions<TradingOptions> trading, TimeProvider time, IResumePointSource? resume = null)
    {
        var options = simulation.Value;
        _pacer = new BarPacer(time, options.BarSeconds);
        _warmupBars = options.WarmupBars;
        _retainedBars = Math.Max(RetainedBars, options.WarmupBars);
        var startTicks = _pacer.StartWallTime.UtcTicks;
        _wallStartMinute = new DateTime(startTicks - startTicks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        Symbols = WatchlistSymbols.Normalize(trading.Value.Watchlist);
        _seed = options.Seed;
        _resume = resume;
        if (resume is null) _timeline = NewTimeline(ResumePoint.None);
    }

    /// <summary>Bars kept per symbol (at least the warm-up): enough for the dashboard's charts and the agent's history.</summary>
    public const int RetainedBars = 1000;

    public string Name => "Simulated";

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Market time (UTC) of the first live bar: the minute after the last recorded bar, or the creation wall time floored
    /// to the minute. Known once the resume point is read (at construction without a resume source, else at the first call).</summary>
    public DateTime StartMarketTime =>
        (_timeline ?? throw new InvalidOperationException("The simulated market has not read its resume point yet.")).Start;

    public async Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var timeline = await TimelineAsync(cancellationToken);
        var series = Find(timeline, symbol);
        var closed = ClosedBars();
        return series.Range(Math.Max(0, closed - count), closed);
    }

    public async Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        var timeline = await TimelineAsync(cancellationToken);
        var series = Find(timeline, symbol);
        var closed = ClosedBars();
        var from = series.FirstIndexAfter(after);
        return series.Range(Math.Min(from, closed), closed);
    }

    private int ClosedBars() => _warmupBars + _pacer.ClosedLiveBars();

    private async ValueTask<Timeline> TimelineAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _timeline) is { } timeline) return timeline;
        await _loading.EnterAsync(cancellationToken);
        try
        {
            if (_timeline is null)
            {
                var resume = await _resume!.LoadAsync(cancellationToken);
                Volatile.Write(ref _timeline, NewTimeline(resume));
            }
            return _timeline!;
        }
        finally
        {
            _loading.Exit();
        }
    }

    private Timeline NewTimeline(ResumePoint resume)
    {
        var start = resume.LastBarTime is { } last ? FloorToMinute(last).AddMinutes(1) : _wallStartMinute;
        return new Timeline(start, start.AddMinutes(-_warmupBars), resume);
    }

    private SymbolSeries Find(Timeline timeline, string symbol)
    {
        if (_series.TryGetValue(symbol, out var series)) return series;
        if (!IsTicker(symbol)) throw WatchlistSymbols.Unknown(symbol, Symbols);
        var key = symbol.ToUpperInvariant();
        return _series.GetOrAdd(key, s => new SymbolSeries(
            new RandomWalk(SymbolProfile.For(s, _seed), SimulationRandom.SeedFor(_seed, s, salt: 0xBA55)),
            timeline.FirstBarTime, timeline.Resume.Of(s), _retainedBars));
    }

    private static DateTime FloorToMinute(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary>1–10 letters, digits, '.' or '-', starting with a letter (AAPL, BRK.B, BF-B).</summary>
    private static bool IsTicker(string symbol) =>
        symbol is { Length: > 0 and <= 10 } && char.IsAsciiLetter(symbol[0]) && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    /// <summary>The market's time line: the first live bar's time, the first history bar's, and what it resumed from.</summary>
    private sealed record Timeline(DateTime Start, DateTime FirstBarTime, ResumePoint Resume);

    /// <summary>One symbol's bars generated so far; bar k has market time firstBarTime + k minutes. The latest
    /// <c>retained</c> of them are kept in a ring allocated once (bar k at k mod retained).</summary>
    private sealed class SymbolSeries
    {
        private readonly Lock _gate = new();
        private readonly Bar[] _ring;
        private int _count; // bars generated: bar k is kept while k >= _count - _ring.Length
        private readonly RandomWalk _walk;
        private readonly DateTime _firstBarTime;
        private double _nextOpen;

        public SymbolSeries(RandomWalk walk, DateTime firstBarTime, RecordedBar? recorded, int retained)
        {
            _walk = walk;
            _firstBarTime = firstBarTime;
            _ring = new Bar[retained];
            if (recorded is not { } last || !double.IsFinite(last.Close) || last.Close <= 0)
            {
                _nextOpen = walk.StartPrice;
                return;
            }
            var lastTime = FloorToMinute(last.Time);
            var close = RandomWalk.RoundPrice(last.Close);
            if (lastTime >= firstBarTime)
            {
                // The history up to the recorded bar, backwards from its close.
                var bars = new Bar[(int)((lastTime - firstBarTime).Ticks / TimeSpan.TicksPerMinute) + 1];
                var at = close;
                for (var i = bars.Length - 1; i >= 0; i--)
                {
                    bars[i] = walk.Ending(firstBarTime.AddMinutes(i), at);
                    at = bars[i].Open;
                }
                foreach (var bar in bars) Keep(bar);
            }
            else
            {
                // Recorded long before the history starts (a symbol left off the watchlist a while): walk on to it.
                for (var time = lastTime.AddMinutes(1); time < firstBarTime; time = time.AddMinutes(1))
                    close = walk.Starting(time, close).Close;
            }
            _nextOpen = close;
        }

        public int FirstIndexAfter(DateTime after)
        {
            if (after < _firstBarTime) return 0;
            var index = (after.Ticks - _firstBarTime.Ticks) / TimeSpan.TicksPerMinute + 1;
            return (int)Math.Min(index, int.MaxValue);
        }

        /// <summary>Bars <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), generating up to it; bars no
        /// longer kept are left out (the result starts at the oldest one kept).</summary>
        public IReadOnlyList<Bar> Range(int from, int to)
        {
            if (from >= to) return [];
            lock (_gate)
            {
                while (_count < to)
                {
                    var bar = _walk.Starting(_firstBarTime.AddMinutes(_count), _nextOpen);
                    Keep(bar);
                    _nextOpen = bar.Close;
                }
                from = Math.Max(from, _count - _ring.Length);
                if (from >= to) return [];
                var result = new Bar[to - from];
                for (var k = from; k < to; k++) result[k - from] = _ring[k % _ring.Length];
                return result;
            }
        }

        private void Keep(Bar bar) => _ring[_count++ % _ring.Length] = bar;
    }
}
