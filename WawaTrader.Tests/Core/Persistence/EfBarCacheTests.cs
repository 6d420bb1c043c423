using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Persistence;

public sealed class EfBarCacheTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    internal static IBarCache Cache(TempDatabase database) => database.BarCache;

    [Fact]
    public async Task Bars_read_back_exactly_as_written_oldest_first()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
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
        await using var database = await TempDatabase.CreateMigratedAsync();
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
        await using var database = await TempDatabase.CreateMigratedAsync();
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
        await using var database = await TempDatabase.CreateMigratedAsync();
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
        await using var database = await TempDatabase.CreateMigratedAsync();
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
        await using var database = await TempDatabase.CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.1, 5);

        var ex = await Assert.ThrowsAsync<InvalidBarException>(() => cache.UpsertAsync("SPY", [.. bars, bars[2] with { Close = 1 }], None));

        Assert.Equal(bars[2].Time, ex.Time);
        Assert.Empty(await cache.ListAsync(None));
    }

    [Fact]
    public async Task Twenty_thousand_bars_go_in_one_transaction_per_batch()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var cache = Cache(database);
        var bars = Bars.Trending(0.001, 20_000);

        var result = await cache.UpsertAsync("SPY", bars, None);

        Assert.Equal(20_000, result.Added);
        Assert.Equal(20_000, (await cache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None)).Length);
    }
}
