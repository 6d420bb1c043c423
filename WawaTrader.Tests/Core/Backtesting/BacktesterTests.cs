using WawaTrader.Core.Analysis;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;
using static WawaTrader.Tests.Core.Backtesting.BacktestHarness;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>The engine: the live pipeline over history, with the paper broker's fills and costs, worked by hand.</summary>
public sealed class BacktesterTests
{
    private static readonly BacktestSeries Spy = new("SPY", Daily(0, (100, 100), (101, 102), (103, 104), (105, 106), (107, 108)));

    [Fact]
    public async Task Decisions_at_a_close_fill_at_the_next_open_with_slippage_and_commission()
    {
        var script = ScriptedStrategy.On([Day0], [Day0.AddDays(2)]);
        var costs = new BacktestCosts(0.01m, 0m, 1m, 10m);

        var result = await With(script).RunAsync(Request("scripted", HalfEquity, costs, Spy), null, CancellationToken.None);

        // Buy 50% of 100,000 at the close 100 = 500 shares; fills at the next open 101 × 1.001 = 101.101, fee max(1, 5) = 5.
        // Sell decided at the close of day 2 fills at day 3's open 105 × 0.999 = 104.895, fee 5.
        Assert.Equal(
            [
                new BacktestTrade("SPY", OrderSide.Buy, 500m, 101.101m, 5m, Day0.AddDays(1)),
                new BacktestTrade("SPY", OrderSide.Sell, 500m, 104.895m, 5m, Day0.AddDays(3)),
            ],
            result.Trades);
        Assert.Equal(
            [100_000m, 100_000m - 50_550.5m - 5m + 500m * 102m, 100_000m - 50_550.5m - 5m + 500m * 104m, 101_887m, 101_887m],
            result.Equity.Select(p => p.Value));
        Assert.Equal(Spy.Bars.Select(b => b.Time), result.Equity.Select(p => p.Date));
    }

    [Fact]
    public async Task The_risk_limits_of_the_request_judge_the_orders()
    {
        var script = ScriptedStrategy.On([Day0], []);

        var defaults = await With(script).RunAsync(Request("scripted", new Dictionary<string, string> { ["Trading:PositionSizePct"] = "50" }, NoCosts, Spy), null, CancellationToken.None);
        var widened = await With(script).RunAsync(Request("scripted", HalfEquity, NoCosts, Spy), null, CancellationToken.None);

        Assert.Empty(defaults.Trades); // 50% of equity breaks the default 10% position limit
        Assert.Equal(500m, Assert.Single(widened.Trades).Qty);
    }

    [Fact]
    public async Task Symbols_are_aligned_on_the_union_of_bar_times_and_a_missing_bar_brings_nothing_new()
    {
        var a = new BacktestSeries("AAA", Daily(0, (10, 10), (10, 11), (11, 12), (12, 13)));
        var b = new BacktestSeries("BBB", [.. Daily(1, (50, 50)), .. Daily(3, (60, 60))]);
        var script = ScriptedStrategy.On([], []);

        var result = await With(script).RunAsync(Request("scripted", HalfEquity, NoCosts, a, b), null, CancellationToken.None);

        Assert.Equal(4, result.Equity.Count);
        Assert.Equal([Day0.AddDays(1), Day0.AddDays(3)], script.Seen.Where(s => s.Symbol == "BBB").Select(s => s.Time));
        Assert.Equal(4, script.Seen.Count(s => s.Symbol == "AAA"));
        // Buy and hold: 50,000 each; AAA 5,000 shares at 10; BBB 1,000 shares at its first open (day 1), 60 at the end.
        Assert.Equal([Day0, Day0.AddDays(1)], result.BenchmarkEquity.Take(2).Select(p => p.Date));
        Assert.Equal(100_000m, result.BenchmarkEquity[0].Value);
        Assert.Equal(5_000m * 13m + 1_000m * 60m, result.BenchmarkEquity[^1].Value);
    }

    [Fact]
    public async Task The_same_request_gives_the_same_result()
    {
        var bars = CsvBarReaderFile("SPY-2017-2018-daily.csv");
        var request = Request("technical", new Dictionary<string, string>(), new BacktestCosts(0.005m, 0.01m, 1m, 2m), new BacktestSeries("SPY", bars));

        var first = await new Backtester().RunAsync(request, null, CancellationToken.None);
        var second = await new Backtester().RunAsync(request, null, CancellationToken.None);

        Assert.NotEmpty(first.Trades);
        Assert.Equal(BaselineJson.Serialize(first), BaselineJson.Serialize(second));
    }

    [Fact]
    public async Task Progress_rises_to_one()
    {
        var reports = new List<double>();
        var progress = new SynchronousProgress(reports.Add);

        await new Backtester().RunAsync(Request("sma-cross", new Dictionary<string, string> { ["fast"] = "2", ["slow"] = "3" }, NoCosts, Spy), progress, CancellationToken.None);

        Assert.Equal(0, reports[0]);
        Assert.Equal(1, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task A_canceled_run_stops()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Backtester().RunAsync(Request("technical", new Dictionary<string, string>(), NoCosts, Spy), null, cts.Token));
    }

    [Theory]
    [InlineData(double.NaN, 105.0, 103.0, "close is NaN")]
    [InlineData(104.0, 102.0, 103.0, "high 102 is below low 103")]
    public async Task A_bad_bar_is_refused_naming_the_symbol_and_the_bar(double close, double high, double low, string problem)
    {
        var bars = Spy.Bars.ToArray();
        bars[2] = bars[2] with { Close = close, High = high, Low = low };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new Backtester().RunAsync(Request("technical", new Dictionary<string, string>(), NoCosts, new BacktestSeries("QQQ", bars)), null, CancellationToken.None));

        Assert.Contains("Series QQQ, bar 2 (2024-01-04T00:00:00)", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public async Task Unsorted_bars_are_refused_naming_the_symbol_and_the_bar()
    {
        var bars = Spy.Bars.ToArray();
        (bars[3], bars[4]) = (bars[4], bars[3]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new Backtester().RunAsync(Request("technical", new Dictionary<string, string>(), NoCosts, new BacktestSeries("QQQ", bars)), null, CancellationToken.None));

        Assert.Contains("Series QQQ, bar 4", ex.Message);
        Assert.Contains("oldest first", ex.Message);
    }

    [Theory]
    [InlineData("momentum", "", "", "Unknown strategy 'momentum'")]
    [InlineData("sma-cross", "fast", "abc", "'fast'")]
    [InlineData("sma-cross", "fast", "40", "'fast' (40) must be below 'slow' (30)")]
    [InlineData("sma-cross", "window", "5", "Unknown parameter 'window'")]
    [InlineData("technical", "RsiOversold", "200", "RsiOversold")]
    [InlineData("technical", "Risk:MaxLeverage", "2", "Unknown parameter 'Risk:MaxLeverage'")]
    [InlineData("technical", "Risk:MaxPositionPct", "ten", "Parameter 'Risk:MaxPositionPct'")]
    [InlineData("technical", "Trading:Watchlist", "AAPL", "Unknown parameter 'Trading:Watchlist'")]
    public async Task An_unknown_strategy_or_bad_parameter_is_refused_by_name(string strategy, string key, string value, string expected)
    {
        var parameters = key.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [key] = value };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new Backtester().RunAsync(Request(strategy, parameters, NoCosts, Spy), null, CancellationToken.None));

        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData(86_400, 252.0)]     // daily
    [InlineData(3_600, 1_638.0)]    // hourly: 252 × 6.5
    [InlineData(60, 98_280.0)]      // 1-minute: 252 × 390
    [InlineData(604_800, 365.25 / 7)] // weekly
    public void Bars_per_year_follow_the_median_spacing(int seconds, double expected)
    {
        var times = Enumerable.Range(0, 50).Select(i => Day0.AddSeconds((double)i * seconds)).ToArray();

        Assert.Equal(expected, Backtester.BarsPerYear(times), 9);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 50)]
    [InlineData(4, 51)]
    [InlineData(5, 1_000)]
    [InlineData(6, 1_001)]
    public void Bars_per_year_take_the_median_of_irregular_spacings(int seed, int count)
    {
        // Spacings from minutes to weeks, many repeated (as calendars repeat them): the median as a sort would find it.
        var random = new Random(seed);
        var spacings = new[] { 60, 3_600, 3_600, 86_400, 86_400, 86_400, 3 * 86_400, 604_800 };
        var times = new DateTime[count];
        times[0] = Day0;
        for (var i = 1; i < count; i++) times[i] = times[i - 1].AddSeconds(spacings[random.Next(spacings.Length)] * (random.Next(0, 5) == 0 ? 2 : 1));
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).Ticks).Order().ToArray();
        var median = TimeSpan.FromTicks(gaps.Length % 2 == 1 ? gaps[gaps.Length / 2] : (gaps[gaps.Length / 2 - 1] + gaps[gaps.Length / 2]) / 2);
        var expected = median < TimeSpan.FromHours(20) ? 252.0 * TimeSpan.FromHours(6.5).Ticks / median.Ticks
            : median <= TimeSpan.FromDays(1.5) ? 252.0
            : 365.25 * TimeSpan.TicksPerDay / median.Ticks;

        Assert.Equal(expected, Backtester.BarsPerYear(times), 9);
    }

    internal static WawaTrader.Core.Market.Bar[] CsvBarReaderFile(string name) => WawaTrader.Core.Market.CsvBarReader.ReadFile(SharedData.MarketFile(name));

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
