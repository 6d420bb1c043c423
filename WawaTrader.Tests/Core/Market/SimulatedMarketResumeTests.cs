using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Market;

public sealed class SimulatedMarketResumeTests
{
    private static readonly DateTimeOffset WallStart = new(2025, 3, 10, 14, 30, 27, TimeSpan.Zero);

    private static SimulatedMarket Create(TimeProvider time, ResumePoint? resume = null, int seed = 42, int warmup = 100, string[]? watchlist = null) =>
        new(Options.Create(new SimulationOptions { Seed = seed, WarmupBars = warmup, BarSeconds = 1 }),
            Options.Create(new TradingOptions { Watchlist = watchlist ?? [.. TradingOptions.DefaultWatchlist] }),
            time, resume is null ? null : new RecordedResume(resume));

    /// <summary>A market that has run for <paramref name="liveBars"/> bars since its warm-up: the run a restart interrupts.</summary>
    private static async Task<IReadOnlyList<Bar>> UninterruptedAsync(string symbol, int liveBars, int seed = 42)
    {
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time, seed: seed);
        time.Advance(TimeSpan.FromSeconds(liveBars));
        return await market.GetHistoryAsync(symbol, 100_000, default);
    }

    private static ResumePoint After(params (string Symbol, Bar Bar)[] bars) =>
        new(bars.ToDictionary(b => b.Symbol, b => new RecordedBar(b.Bar.Time, b.Bar.Close), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public async Task Resumes_the_simulated_path_after_the_last_recorded_bar()
    {
        var run = await UninterruptedAsync("NVDA", liveBars: 200);
        var stoppedAt = run[149];
        var time = new FakeTimeProvider(WallStart.AddHours(5)); // restarted later in wall time: only a gap
        var resumed = Create(time, After(("NVDA", stoppedAt)));

        time.Advance(TimeSpan.FromSeconds(run.Count - 150));
        var continued = await resumed.GetBarsSinceAsync("NVDA", stoppedAt.Time, default);

        Assert.Equal(stoppedAt.Time.AddMinutes(1), resumed.StartMarketTime);
        Assert.Equal(run.Skip(150), continued);
    }

    [Fact]
    public async Task The_same_seed_and_resume_point_give_the_same_continued_path()
    {
        var stoppedAt = (await UninterruptedAsync("TSLA", liveBars: 30))[^1];
        async Task<IReadOnlyList<Bar>> ContinuedAsync(int seed)
        {
            var time = new FakeTimeProvider(WallStart.AddDays(1));
            var market = Create(time, After(("TSLA", stoppedAt)), seed: seed, watchlist: ["TSLA"]);
            time.Advance(TimeSpan.FromSeconds(50));
            return await market.GetBarsSinceAsync("TSLA", stoppedAt.Time, default);
        }

        var first = await ContinuedAsync(seed: 42);

        Assert.Equal(50, first.Count);
        Assert.Equal(stoppedAt.Close, first[0].Open);
        Assert.Equal(first, await ContinuedAsync(seed: 42));
        Assert.NotEqual(first.Select(b => b.Close), (await ContinuedAsync(seed: 43)).Select(b => b.Close));
    }

    [Fact]
    public async Task History_after_a_restart_ends_at_the_recorded_bar_and_keeps_OHLC_invariants()
    {
        var stoppedAt = (await UninterruptedAsync("AAPL", liveBars: 40))[^1];
        var resumed = Create(new FakeTimeProvider(WallStart.AddHours(1)), After(("AAPL", stoppedAt)), warmup: 2_000);

        var history = await resumed.GetHistoryAsync("AAPL", 10_000, default);

        Assert.Equal(2_000, history.Count);
        Assert.Equal(stoppedAt.Time, history[^1].Time);
        Assert.Equal(stoppedAt.Close, history[^1].Close);
        for (var i = 0; i < history.Count; i++)
        {
            var bar = history[i];
            Assert.True(bar.High >= Math.Max(bar.Open, bar.Close) && bar.Low <= Math.Min(bar.Open, bar.Close) && bar.Low > 0, $"bar {i}: {bar}");
            if (i > 0) Assert.Equal(history[i - 1].Close, bar.Open);
        }
    }

    [Fact]
    public async Task A_symbol_recorded_earlier_than_the_others_walks_on_along_its_own_path()
    {
        var msft = await UninterruptedAsync("MSFT", liveBars: 100);
        var spy = await UninterruptedAsync("SPY", liveBars: 100);
        var resumed = Create(new FakeTimeProvider(WallStart.AddHours(1)), After(("MSFT", msft[159]), ("SPY", spy[^1])));

        var history = await resumed.GetHistoryAsync("MSFT", 40, default);

        Assert.Equal(spy[^1].Time.AddMinutes(1), resumed.StartMarketTime);
        Assert.Equal(msft.Skip(160), history.Skip(history.Count - (msft.Count - 160)));
    }

    [Fact]
    public async Task A_symbol_never_recorded_gets_warm_up_history_ending_where_the_market_resumes()
    {
        var spy = await UninterruptedAsync("SPY", liveBars: 10);
        var resumed = Create(new FakeTimeProvider(WallStart.AddHours(1)), After(("SPY", spy[^1])), warmup: 50);

        var tsla = await resumed.GetHistoryAsync("TSLA", 1_000, default);

        Assert.Equal(50, tsla.Count);
        Assert.Equal(spy[^1].Time, tsla[^1].Time);
    }

    [Fact]
    public async Task Nothing_recorded_starts_at_the_floored_wall_time()
    {
        var market = Create(new FakeTimeProvider(WallStart), ResumePoint.None, warmup: 10);

        var history = await market.GetHistoryAsync("AAPL", 100, default);

        Assert.Equal(new DateTime(2025, 3, 10, 14, 30, 0, DateTimeKind.Utc), market.StartMarketTime);
        Assert.Equal(190, history[0].Open);
    }
}
