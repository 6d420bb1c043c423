using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Market;

public sealed class SimulatedMarketTests
{
    // 27 seconds past the minute: the first live bar's market time is floored to 14:30.
    private static readonly DateTimeOffset WallStart = new(2025, 3, 10, 14, 30, 27, TimeSpan.Zero);
    private static readonly DateTime FlooredStart = new(2025, 3, 10, 14, 30, 0, DateTimeKind.Utc);

    private static SimulatedMarket Create(TimeProvider time, int seed = 42, int warmup = 300, double barSeconds = 1, string[]? watchlist = null) =>
        new(Options.Create(new SimulationOptions { Seed = seed, WarmupBars = warmup, BarSeconds = barSeconds }),
            Options.Create(new TradingOptions { Watchlist = watchlist ?? [.. TradingOptions.DefaultWatchlist] }),
            time);

    [Fact]
    public void Serves_the_default_watchlist()
    {
        var market = Create(new FakeTimeProvider(WallStart));
        Assert.Equal(["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "SPY"], market.Symbols);
        Assert.Equal("Simulated", market.Name);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_bars()
    {
        var a = Create(new FakeTimeProvider(WallStart), seed: 7);
        var b = Create(new FakeTimeProvider(WallStart), seed: 7);
        foreach (var symbol in a.Symbols)
            Assert.Equal(await a.GetHistoryAsync(symbol, 300, default), await b.GetHistoryAsync(symbol, 300, default));
    }

    [Fact]
    public async Task Different_seeds_give_different_bars()
    {
        var a = await Create(new FakeTimeProvider(WallStart), seed: 7).GetHistoryAsync("AAPL", 300, default);
        var b = await Create(new FakeTimeProvider(WallStart), seed: 8).GetHistoryAsync("AAPL", 300, default);
        Assert.NotEqual(a.Select(x => x.Close), b.Select(x => x.Close));
    }

    [Fact]
    public async Task Bars_do_not_depend_on_when_or_how_often_they_are_asked_for()
    {
        var lateTime = new FakeTimeProvider(WallStart);
        var late = Create(lateTime, warmup: 50);
        lateTime.Advance(TimeSpan.FromSeconds(20));
        var atOnce = await late.GetHistoryAsync("NVDA", 1000, default);

        var stepTime = new FakeTimeProvider(WallStart);
        var stepwise = Create(stepTime, warmup: 50);
        var collected = (await stepwise.GetHistoryAsync("NVDA", 1000, default)).ToList();
        for (var i = 0; i < 20; i++)
        {
            stepTime.Advance(TimeSpan.FromSeconds(1));
            collected.AddRange(await stepwise.GetBarsSinceAsync("NVDA", collected[^1].Time, default));
        }

        Assert.Equal(70, atOnce.Count);
        Assert.Equal(atOnce, collected);
    }

    [Fact]
    public async Task Bars_keep_OHLC_invariants_over_thousands_of_bars()
    {
        var market = Create(new FakeTimeProvider(WallStart), warmup: 5_000, watchlist: ["AAPL", "NVDA", "SPY", "ZZTOP"]);
        foreach (var symbol in market.Symbols)
        {
            var bars = await market.GetHistoryAsync(symbol, 5_000, default);
            Assert.Equal(5_000, bars.Count);
            for (var i = 0; i < bars.Count; i++)
            {
                var bar = bars[i];
                Assert.True(bar.High >= Math.Max(bar.Open, bar.Close), $"{symbol} bar {i}: high {bar.High} below body");
                Assert.True(bar.Low <= Math.Min(bar.Open, bar.Close), $"{symbol} bar {i}: low {bar.Low} above body");
                Assert.True(bar.Low > 0, $"{symbol} bar {i}: low {bar.Low} not positive");
                Assert.True(bar.Volume >= 1 && bar.Volume == Math.Floor(bar.Volume), $"{symbol} bar {i}: volume {bar.Volume}");
                if (i > 0)
                {
                    Assert.Equal(bars[i - 1].Close, bar.Open);
                    Assert.Equal(bars[i - 1].Time.AddMinutes(1), bar.Time);
                }
            }
        }
    }

    [Fact]
    public async Task Warm_up_history_ends_one_minute_before_the_floored_start()
    {
        var market = Create(new FakeTimeProvider(WallStart), warmup: 120);

        var history = await market.GetHistoryAsync("MSFT", 10_000, default);

        Assert.Equal(FlooredStart, market.StartMarketTime);
        Assert.Equal(120, history.Count);
        Assert.Equal(FlooredStart.AddMinutes(-120), history[0].Time);
        Assert.Equal(FlooredStart.AddMinutes(-1), history[^1].Time);
        Assert.Equal(DateTimeKind.Utc, history[^1].Time.Kind);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.1)]
    [InlineData(2.5)]
    public async Task Advancing_three_bar_periods_releases_three_bars(double barSeconds)
    {
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time, warmup: 30, barSeconds: barSeconds);
        var lastHistory = (await market.GetHistoryAsync("SPY", 1, default))[0];

        time.Advance(TimeSpan.FromSeconds(barSeconds) * 3);
        var fresh = await market.GetBarsSinceAsync("SPY", lastHistory.Time, default);

        Assert.Equal([FlooredStart, FlooredStart.AddMinutes(1), FlooredStart.AddMinutes(2)], fresh.Select(b => b.Time));
    }

    [Fact]
    public async Task No_bar_closes_before_a_full_bar_period()
    {
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time, warmup: 30, barSeconds: 2);
        var lastHistory = (await market.GetHistoryAsync("SPY", 1, default))[0];

        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));

        Assert.Empty(await market.GetBarsSinceAsync("SPY", lastHistory.Time, default));
        Assert.Equal(30, (await market.GetHistoryAsync("SPY", 1000, default)).Count);
    }

    [Fact]
    public async Task History_returns_the_most_recent_bars_oldest_first()
    {
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time, warmup: 100);
        time.Advance(TimeSpan.FromSeconds(5));

        var all = await market.GetHistoryAsync("AMZN", 1000, default);
        var last10 = await market.GetHistoryAsync("AMZN", 10, default);

        Assert.Equal(105, all.Count);
        Assert.Equal(all.TakeLast(10), last10);
        Assert.Empty(await market.GetHistoryAsync("AMZN", 0, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => market.GetHistoryAsync("AMZN", -1, default));
    }

    [Fact]
    public async Task Malformed_symbol_is_rejected_with_a_clear_message()
    {
        var market = Create(new FakeTimeProvider(WallStart));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => market.GetHistoryAsync("not a ticker!", 10, default));
        Assert.Contains("Unknown symbol 'not a ticker!'", error.Message);
        Assert.Contains("AAPL", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => market.GetBarsSinceAsync("", FlooredStart, default));
    }

    [Fact]
    public async Task A_symbol_added_to_the_watchlist_later_gets_a_deterministic_series_with_warm_up_history()
    {
        var time = new FakeTimeProvider(WallStart);
        var market = Create(time);
        var again = Create(new FakeTimeProvider(WallStart));

        var tsla = await market.GetHistoryAsync("TSLA", 1_000, default);

        Assert.Equal(300, tsla.Count);
        Assert.Equal(tsla, await again.GetHistoryAsync("tsla", 1_000, default));
        Assert.NotEqual(tsla.Select(b => b.Close), (await market.GetHistoryAsync("AAPL", 1_000, default)).Select(b => b.Close));
    }

    [Fact]
    public async Task Symbols_are_looked_up_ignoring_case()
    {
        var market = Create(new FakeTimeProvider(WallStart), watchlist: [" aapl "]);
        Assert.Equal(["AAPL"], market.Symbols);
        Assert.Equal(await market.GetHistoryAsync("AAPL", 5, default), await market.GetHistoryAsync("aapl", 5, default));
    }

    [Fact]
    public async Task Other_symbols_get_a_profile_derived_from_name_and_seed()
    {
        async Task<double> FirstOpen(string symbol, int seed) =>
            (await Create(new FakeTimeProvider(WallStart), seed: seed, warmup: 10, watchlist: [symbol]).GetHistoryAsync(symbol, 10, default))[0].Open;

        Assert.Equal(await FirstOpen("TSLA", 1), await FirstOpen("TSLA", 1));
        Assert.NotEqual(await FirstOpen("TSLA", 1), await FirstOpen("TSLA", 2));
        Assert.NotEqual(await FirstOpen("TSLA", 1), await FirstOpen("META", 1));
    }

    [Fact]
    public async Task Known_symbols_open_at_their_profile_price()
    {
        var market = Create(new FakeTimeProvider(WallStart), warmup: 1);
        Assert.Equal(190, (await market.GetHistoryAsync("AAPL", 1, default))[0].Open);
        Assert.Equal(540, (await market.GetHistoryAsync("SPY", 1, default))[0].Open);
    }

    [Fact]
    public async Task Concurrent_readers_see_the_same_bars_as_a_single_reader()
    {
        var time = new FakeTimeProvider(WallStart);
        var shared = Create(time, warmup: 2_000);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => shared.GetHistoryAsync("GOOGL", 500 + i * 100, default))));
        var single = await Create(new FakeTimeProvider(WallStart), warmup: 2_000).GetHistoryAsync("GOOGL", 2_000, default);

        foreach (var result in results)
            Assert.Equal(single.TakeLast(result.Count), result);
    }

    [Fact]
    public async Task A_market_left_running_keeps_only_its_latest_bars_and_they_are_the_ones_it_would_have_made()
    {
        var time = new FakeTimeProvider(WallStart);
        var running = Create(time, warmup: 50);
        var first = await running.GetHistoryAsync("AAPL", 50, default);
        var served = first.ToList();
        // Three times the kept window goes by, read a bar at a time as the agent does.
        for (var i = 0; i < 3 * SimulatedMarket.RetainedBars; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            served.AddRange(await running.GetBarsSinceAsync("AAPL", served[^1].Time, default));
        }
        Assert.Equal(50 + 3 * SimulatedMarket.RetainedBars, served.Count);

        // Asked for more than it keeps: the latest RetainedBars, identical to those served, oldest first.
        var history = await running.GetHistoryAsync("AAPL", 5 * SimulatedMarket.RetainedBars, default);
        Assert.Equal(served.TakeLast(SimulatedMarket.RetainedBars), history);
        // Bars since a time no longer kept start at the oldest kept one; nothing past the last closed bar.
        Assert.Equal(history, await running.GetBarsSinceAsync("AAPL", served[0].Time, default));
        Assert.Empty(await running.GetBarsSinceAsync("AAPL", served[^1].Time, default));

        // The same seed asked once at the end (nothing generated in between) gives the same latest bars.
        var lateTime = new FakeTimeProvider(WallStart);
        var late = Create(lateTime, warmup: 50);
        lateTime.Advance(TimeSpan.FromSeconds(3 * SimulatedMarket.RetainedBars));
        Assert.Equal(history, await late.GetHistoryAsync("AAPL", SimulatedMarket.RetainedBars, default));
    }

    [Fact]
    public async Task A_warm_up_longer_than_the_kept_window_is_kept_whole()
    {
        var market = Create(new FakeTimeProvider(WallStart), warmup: 2 * SimulatedMarket.RetainedBars);
        Assert.Equal(2 * SimulatedMarket.RetainedBars, (await market.GetHistoryAsync("SPY", 10 * SimulatedMarket.RetainedBars, default)).Count);
    }
}
