using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Shared;

public sealed class ChartDownsamplingTests
{
    private static readonly DateTime Day0 = new(2010, 1, 4, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A daily series of <paramref name="count"/> points wandering by a seeded random walk around 100.</summary>
    private static List<ChartPoint> Walk(int count, int seed = 7)
    {
        var random = new Random(seed);
        var value = 100m;
        var points = new List<ChartPoint>(count);
        for (var i = 0; i < count; i++)
        {
            value += (decimal)(random.NextDouble() - 0.5);
            points.Add(new ChartPoint(Day0.AddDays(i), value));
        }
        return points;
    }

    [Fact]
    public void A_series_that_fits_is_drawn_whole()
    {
        var source = Walk(500);

        var shown = ChartDownsampling.Of(source, target: 1000);

        Assert.Equal(source, shown.Points);
        Assert.False(shown.IsDownsampled);
    }

    [Theory]
    [InlineData(2650, 1200)]
    [InlineData(5036, 1000)]
    [InlineData(100_001, 300)]
    public void A_long_series_is_cut_to_at_most_the_target_and_says_from_how_many(int count, int target)
    {
        var shown = ChartDownsampling.Of(Walk(count), target);

        Assert.InRange(shown.Points.Count, target / 2, target);
        Assert.Equal(count, shown.SourceCount);
        Assert.True(shown.IsDownsampled);
    }

    [Fact]
    public void The_first_and_last_points_are_kept()
    {
        var source = Walk(2650);

        var shown = ChartDownsampling.Of(source, target: 200);

        Assert.Equal(source[0], shown.Points[0]);
        Assert.Equal(source[^1], shown.Points[^1]);
    }

    [Fact]
    public void The_true_highest_and_lowest_points_are_kept()
    {
        var source = Walk(2650);
        source[1234] = source[1234] with { Value = 1_000m };
        source[777] = source[777] with { Value = -1_000m };

        var shown = ChartDownsampling.Of(source, target: 200);

        Assert.Contains(source[1234], shown.Points);
        Assert.Contains(source[777], shown.Points);
        Assert.Equal(source.Max(p => p.Value), shown.Points.Max(p => p.Value));
        Assert.Equal(source.Min(p => p.Value), shown.Points.Min(p => p.Value));
    }

    [Fact]
    public void Every_point_at_a_trade_is_kept()
    {
        var source = Walk(2650);
        var trades = Enumerable.Range(0, 60).Select(i => source[13 + i * 41].Time).ToHashSet();

        var shown = ChartDownsampling.Of(source, target: 200, keep: trades);

        Assert.All(trades, t => Assert.Contains(shown.Points, p => p.Time == t));
        Assert.True(shown.Points.Count <= 200);
    }

    [Fact]
    public void Points_stay_in_time_order_without_repeats()
    {
        var shown = ChartDownsampling.Of(Walk(5000), target: 300);

        Assert.Equal(shown.Points.OrderBy(p => p.Time).ToList(), shown.Points);
        Assert.Equal(shown.Points.Count, shown.Points.Select(p => p.Time).Distinct().Count());
    }

    [Fact]
    public void Two_histories_years_apart_break_the_line_between_them_and_keep_both_ends()
    {
        var first = Walk(1500);
        var second = Walk(1500, seed: 8).Select(p => p with { Time = p.Time.AddYears(6) }).ToList();
        var source = first.Concat(second).ToList();

        var shown = ChartDownsampling.Of(source, target: 300);

        Assert.Equal([first[^1].Time], shown.Breaks);
        Assert.Contains(first[^1], shown.Points);
        Assert.Contains(second[0], shown.Points);
    }

    [Fact]
    public void Weekends_and_holidays_are_not_gaps()
    {
        var tradingDays = Enumerable.Range(0, 400).Select(i => Day0.AddDays(i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d.DayOfYear != 4)
            .Select(d => new ChartPoint(d, 100m)).ToList();

        Assert.Empty(ChartDownsampling.Gaps(tradingDays));
    }

    [Fact]
    public void A_break_ends_the_line_with_a_null_point_between_the_two_sides()
    {
        var before = new ChartPoint(Day0, 100m);
        var after = new ChartPoint(Day0.AddYears(2), 110m);

        var data = LineChart.ToData([before, after], new HashSet<DateTime> { before.Time });

        Assert.Equal(3, data.Length);
        Assert.Null(data[1][1]);
        Assert.InRange(data[1][0]!.Value, data[0][0]!.Value, data[2][0]!.Value);
    }
}
