using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Market;

public sealed class ExampleHistoryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void The_same_seed_gives_the_same_bars()
    {
        var first = ExampleHistory.Generate(42);
        var second = ExampleHistory.Generate(42);

        Assert.Equal(first.Select(s => s.Symbol), second.Select(s => s.Symbol));
        for (var i = 0; i < first.Count; i++) Assert.Equal(first[i].Bars, second[i].Bars);
    }

    [Fact]
    public void Another_seed_gives_other_prices()
    {
        var a = ExampleHistory.Generate(42)[0].Bars;
        var b = ExampleHistory.Generate(7)[0].Bars;

        Assert.Equal(a.Count, b.Count);
        Assert.NotEqual(a[^1].Close, b[^1].Close);
    }

    [Fact]
    public void Symbols_are_named_simulated_and_differ_from_each_other()
    {
        var series = ExampleHistory.Generate(42);

        Assert.Equal(["SIM-A", "SIM-B", "SIM-C"], series.Select(s => s.Symbol));
        Assert.All(series, s => Assert.StartsWith(ExampleHistory.Prefix, s.Symbol));
        Assert.All(series, s => Assert.True(ExampleHistory.IsSimulated(s.Symbol.ToLowerInvariant())));
        Assert.False(ExampleHistory.IsSimulated("SPY"));
        Assert.Equal(3, series.Select(s => s.Bars[^1].Close).Distinct().Count());
    }

    [Fact]
    public void Bars_are_valid_daily_weekday_bars_over_four_years()
    {
        foreach (var series in ExampleHistory.Generate(42))
        {
            var bars = series.Bars;
            Assert.Equal(ExampleHistory.First, bars[0].Time);
            Assert.Equal(ExampleHistory.Last, bars[^1].Time);
            Assert.All(bars, b => Assert.Equal(TimeSpan.Zero, b.Time.TimeOfDay));
            Assert.All(bars, b => Assert.Equal(DateTimeKind.Utc, b.Time.Kind));
            Assert.DoesNotContain(bars, b => b.Time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
            Assert.All(bars, b => Assert.Null(BarSeriesValidator.DescribeProblem(b)));
            Assert.InRange(bars.Count, 1040, 1045); // 2021–2024 have 1,043 weekdays
            for (var i = 1; i < bars.Count; i++) Assert.Equal(bars[i - 1].Close, bars[i].Open);
        }
    }

    [Fact]
    public async Task Caching_writes_the_bars_once_and_a_new_seed_replaces_them()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var total = ExampleHistory.Generate(42).Sum(s => s.Bars.Count);

        var first = await ExampleHistory.EnsureCachedAsync(database.BarCache, 42, None);
        var again = await ExampleHistory.EnsureCachedAsync(database.BarCache, 42, None);

        Assert.Equal(new ExampleHistoryWrite(total, 0, 0), first);
        Assert.True(first.Generated);
        Assert.Equal(new ExampleHistoryWrite(0, 0, total), again);
        Assert.False(again.Generated);
        var cached = await database.BarCache.GetBarsAsync("SIM-B", DateTime.MinValue, DateTime.MaxValue, None);
        Assert.Equal(ExampleHistory.Generate(42)[1].Bars, cached);

        var reseeded = await ExampleHistory.EnsureCachedAsync(database.BarCache, 7, None);

        Assert.Equal(0, reseeded.Added);
        Assert.True(reseeded.Updated > total / 2);
        Assert.Equal(ExampleHistory.Generate(7)[1].Bars, await database.BarCache.GetBarsAsync("SIM-B", DateTime.MinValue, DateTime.MaxValue, None));
    }
}
