using Microsoft.Extensions.Logging.Abstractions;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Brokers;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Core.Risk;

namespace WawaTrader.Tests.Core.Market;

public abstract class CachingMarketDataTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : CachingMarketDataTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : CachingMarketDataTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Returns_the_inner_markets_bars_unchanged()
    {
        var bars = Bars.Trending(0.1, 30);
        var inner = new FixedMarket(bars);
        var recorder = new BarRecorder(new FailingBarCache(), NullLogger<BarRecorder>.Instance);
        var market = new CachingMarketData(inner, recorder, Options(cacheBars: true));

        var history = await market.GetHistoryAsync("SPY", 30, None);
        var since = await market.GetBarsSinceAsync("SPY", bars[19].Time, None);

        Assert.Same(inner.LastHistory, history);
        Assert.Same(inner.LastSince, since);
        Assert.Equal(bars[20..], since);
        Assert.Equal("Fixed", market.Name);
        Assert.Equal(["SPY"], market.Symbols);
    }

    [Fact]
    public async Task Bars_read_through_it_reach_the_cache_once_flushed_at_shutdown()
    {
        await using var database = await CreateMigratedAsync();
        var bars = Bars.Trending(0.1, 40);
        var recorder = new BarRecorder(database.BarCache, NullLogger<BarRecorder>.Instance);
        await recorder.StartAsync(None);
        var market = new CachingMarketData(new FixedMarket(bars), recorder, Options(cacheBars: true));

        await market.GetHistoryAsync("spy", 30, None);
        await market.GetBarsSinceAsync("spy", bars[29].Time, None);
        await market.GetBarsSinceAsync("spy", bars[29].Time, None);
        await recorder.StopAsync(None);

        Assert.Equal(bars[10..], await database.BarCache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None));
    }

    [Fact]
    public async Task Records_nothing_while_caching_is_switched_off_and_resumes_when_it_is_on()
    {
        await using var database = await CreateMigratedAsync();
        var bars = Bars.Trending(0.1, 40);
        var options = Options(cacheBars: false);
        var recorder = new BarRecorder(database.BarCache, NullLogger<BarRecorder>.Instance);
        await recorder.StartAsync(None);
        var market = new CachingMarketData(new FixedMarket(bars), recorder, options);

        await market.GetHistoryAsync("SPY", 30, None);
        options.Set(new MarketOptions { CacheBars = true });
        await market.GetBarsSinceAsync("SPY", bars[29].Time, None);
        await recorder.StopAsync(None);

        Assert.Equal(bars[30..], await database.BarCache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None));
    }

    [Fact]
    public async Task A_failing_cache_never_breaks_reads_and_its_failure_is_logged()
    {
        var bars = Bars.Trending(0.1, 40);
        var logger = new ListLogger<BarRecorder>();
        var cache = new FailingBarCache();
        var recorder = new BarRecorder(cache, logger);
        await recorder.StartAsync(None);
        var market = new CachingMarketData(new FixedMarket(bars), recorder, Options(cacheBars: true));

        var history = await market.GetHistoryAsync("SPY", 20, None);
        var since = await market.GetBarsSinceAsync("QQQ", bars[9].Time, None);
        await recorder.StopAsync(None);

        Assert.Equal(bars[20..], history);
        Assert.Equal(bars[10..], since);
        Assert.Equal(2, cache.Attempts);
        Assert.Contains(logger.Messages, m => m.Contains("Bars of SPY were not cached", StringComparison.Ordinal));
        Assert.Contains(logger.Messages, m => m.Contains("Bars of QQQ were not cached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_queue_is_full_bars_are_dropped_with_a_warning_and_the_read_still_returns()
    {
        var logger = new ListLogger<BarRecorder>();
        var recorder = new BarRecorder(new FailingBarCache(), logger); // never started: nothing drains the queue
        var bars = Bars.Trending(0.1, 5);
        var market = new CachingMarketData(new FixedMarket(bars), recorder, Options(cacheBars: true));

        // One batch per symbol: the queue takes Capacity of them, the next is dropped.
        for (var i = 0; i <= BarRecorder.Capacity; i++)
        {
            Assert.Equal(bars, await market.GetHistoryAsync($"S{i}", 5, None));
        }

        Assert.Contains(logger.Messages, m => m.Contains("queue is full", StringComparison.Ordinal));
    }

    private static TestOptionsMonitor<MarketOptions> Options(bool cacheBars) => new(new MarketOptions { CacheBars = cacheBars });

    /// <summary>Serves a fixed series: history is the last <c>count</c> bars, since is the bars after a time; remembers the lists it returned.</summary>
    private sealed class FixedMarket(Bar[] bars) : IMarketData
    {
        public IReadOnlyList<Bar>? LastHistory { get; private set; }
        public IReadOnlyList<Bar>? LastSince { get; private set; }

        public string Name => "Fixed";

        public IReadOnlyList<string> Symbols => ["SPY"];

        public Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken) =>
            Task.FromResult(LastHistory = bars[Math.Max(0, bars.Length - count)..]);

        public Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken) =>
            Task.FromResult(LastSince = bars.Where(b => b.Time > after).ToArray());
    }

    /// <summary>A store whose disk is gone: every write throws, as a locked or full database would.</summary>
    private sealed class FailingBarCache : IBarCache
    {
        private int _attempts;

        public int Attempts => _attempts;

        public Task<BarUpsertResult> UpsertAsync(string symbol, IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            throw new IOException("disk I/O error");
        }

        public Task<Bar[]> GetBarsAsync(string symbol, DateTime from, DateTime to, CancellationToken cancellationToken) =>
            throw new IOException("disk I/O error");

        public Task<IReadOnlyList<CachedSymbol>> ListAsync(CancellationToken cancellationToken) => throw new IOException("disk I/O error");
    }
}
