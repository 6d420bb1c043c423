using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfBarCacheTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfBarCacheTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfBarCacheTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    internal static IBarCache Cache(TempDatabase database) => database.BarCache;

    [Fact]
    public async Task Bars_read_back_exactly_as_written_oldest_first()
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));

        var result = await cache.UpsertAsync("SPY", bars.Reverse().ToArray(), None);

        Assert.Equal(new BarUpsertResult(bars.Length, 0, 0), result);
        var read = await cache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None);
        Assert.Equal(bars, read);
        Assert.All(read, b => Assert.Equal(DateTimeKind.Utc, b.Time.Kind));
    }

    [Fact]
    public async Task Importing_the_same_bars_again_changes_nothing()
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.1, 300);
        await cache.UpsertAsync("spy", bars, None);

        var again = await cache.UpsertAsync("SPY", bars, None);

        Assert.Equal(new BarUpsertResult(0, 0, 300), again);
        Assert.Equal(300L, await database.ScalarAsync("SELECT COUNT(*) FROM bars"));
        Assert.Equal(new CachedSymbol("SPY", bars[0].Time, bars[^1].Time, 300), Assert.Single(await cache.ListAsync(None)));
    }

    [Fact]
    public async Task Overlapping_batch_adds_the_new_bars_and_replaces_changed_ones()
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.1, 100);
        await cache.UpsertAsync("QQQ", bars[..60], None);
        var next = bars[50..].ToArray();
        next[0] = next[0] with { Close = next[0].Close + 1, High = next[0].High + 1 };

        var result = await cache.UpsertAsync("QQQ", next, None);

        Assert.Equal(new BarUpsertResult(Added: 40, Updated: 1, Unchanged: 9), result);
        var read = await cache.GetBarsAsync("QQQ", DateTime.MinValue, DateTime.MaxValue, None);
        Assert.Equal(100, read.Length);
        Assert.Equal(next[0], read[50]);
    }

    [Fact]
    public async Task Range_reads_include_both_ends_and_only_that_symbol()
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.1, 50);
        await cache.UpsertAsync("AAA", bars, None);
        await cache.UpsertAsync("BBB", Bars.Flat(10, 50), None);

        var read = await cache.GetBarsAsync("aaa", bars[10].Time, bars[19].Time, None);

        Assert.Equal(bars[10..20], read);
        Assert.Empty(await cache.GetBarsAsync("CCC", DateTime.MinValue, DateTime.MaxValue, None));
        Assert.Equal(["AAA", "BBB"], (await cache.ListAsync(None)).Select(s => s.Symbol));
    }

    [Theory]
    [InlineData("nan-close", "close is NaN")]
    [InlineData("high-below-low", "high 90 is below low 110")]
    [InlineData("negative-volume", "volume -5 is negative")]
    public async Task A_bad_bar_is_refused_naming_symbol_and_time_and_nothing_of_the_batch_is_written(string kind, string problem)
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.1, 20);
        var bad = bars[12];
        bars[12] = kind switch
        {
            "nan-close" => bad with { Close = double.NaN },
            "high-below-low" => bad with { High = 90, Low = 110 },
            _ => bad with { Volume = -5 },
        };

        var ex = await Assert.ThrowsAsync<InvalidBarException>(() => cache.UpsertAsync("SPY", bars, None));

        Assert.Contains("SPY", ex.Message, StringComparison.Ordinal);
        Assert.Contains(bad.Time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync("SELECT COUNT(*) FROM bars"));
    }

    [Fact]
    public async Task Two_different_bars_at_one_time_in_a_batch_are_refused()
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.1, 5);

        var ex = await Assert.ThrowsAsync<InvalidBarException>(() => cache.UpsertAsync("SPY", [.. bars, bars[2] with { Close = 1 }], None));

        Assert.Equal(bars[2].Time, ex.Time);
        Assert.Empty(await cache.ListAsync(None));
    }

    [Fact]
    public async Task Twenty_thousand_bars_go_in_one_transaction_per_batch()
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.001, 20_000);

        var result = await cache.UpsertAsync("SPY", bars, None);

        Assert.Equal(20_000, result.Added);
        Assert.Equal(20_000, (await cache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None)).Length);
    }

    [Fact]
    public async Task Minute_bars_are_refused_for_a_symbol_holding_daily_bars_and_daily_bars_for_one_holding_minute_bars()
    {
        await using var database = await CreateMigratedAsync();
        var cache = Cache(database);
        var daily = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        var minutes = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2020-12-1min.csv"));
        await cache.UpsertAsync("SPY", daily, None);
        await cache.UpsertAsync("QQQ", minutes, None);

        var intoDaily = await Assert.ThrowsAsync<BarSizeConflictException>(() => cache.UpsertAsync("SPY", minutes[..100], None));
        var intoMinutes = await Assert.ThrowsAsync<BarSizeConflictException>(() => cache.UpsertAsync("QQQ", daily[..100], None));

        Assert.Contains("intraday bar and the cache holds daily bars of SPY", intoDaily.Message, StringComparison.Ordinal);
        Assert.Equal(minutes[0].Time, intoDaily.Time);
        Assert.Contains("daily bars and the cache holds intraday bars of QQQ", intoMinutes.Message, StringComparison.Ordinal);
        Assert.Equal((long)(daily.Length + minutes.Length), await database.ScalarAsync("SELECT COUNT(*) FROM bars")); // nothing written
        // The same sizes still go in: more daily bars to the daily symbol, more minutes (one of them at midnight UTC) to the other.
        Assert.Equal(1, (await cache.UpsertAsync("SPY", [daily[^1] with { Time = daily[^1].Time.AddDays(3) }], None)).Added);
        var evening = minutes[^1] with { Time = minutes[^1].Time.Date.AddDays(1) };
        Assert.Equal(1, (await cache.UpsertAsync("QQQ", [evening], None)).Added);
        Assert.Equal(1, (await cache.UpsertAsync("QQQ", [minutes[^1] with { Time = evening.Time.AddMinutes(1) }], None)).Added);
    }
}
