using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Market;

public sealed class MarketClockTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void The_remembered_new_york_day_equals_a_direct_conversion_every_hour_across_both_clock_changes()
    {
        // 2024: clocks go forward on 10 March and back on 3 November; every hour from January to December.
        for (var utc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc < new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc); utc = utc.AddMinutes(37))
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, NewYork);
            var date = DateOnly.FromDateTime(local);
            var start = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), NewYork);
            var end = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), NewYork);

            Assert.Equal((date, start, end), MarketClock.NewYorkDay(utc));
            Assert.Equal(date, MarketClock.NewYorkDate(utc));
        }
    }

    [Fact]
    public void Days_around_a_clock_change_are_23_and_25_hours_long()
    {
        var spring = MarketClock.NewYorkDay(new DateTime(2024, 3, 10, 12, 0, 0, DateTimeKind.Utc));
        var autumn = MarketClock.NewYorkDay(new DateTime(2024, 11, 3, 12, 0, 0, DateTimeKind.Utc));

        Assert.Equal(TimeSpan.FromHours(23), spring.EndUtc - spring.StartUtc);
        Assert.Equal(TimeSpan.FromHours(25), autumn.EndUtc - autumn.StartUtc);
        Assert.Equal(new DateTime(2024, 3, 10, 5, 0, 0, DateTimeKind.Utc), spring.StartUtc);
    }
}
