using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Shared;

public sealed class ViewerClockTests
{
    // 2024-03-01 15:30 UTC: 16:30 in Berlin (CET), 10:30 in New York (EST).
    private static readonly DateTime T0 = new(2024, 3, 1, 15, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void A_zone_the_browser_names_writes_wall_times_there_and_says_which()
    {
        var clock = ViewerClock.For("Europe/Berlin");

        Assert.True(clock.Known);
        Assert.Equal("2024-03-01 16:30:00", clock.Time(T0));
        Assert.Equal("2024-03-01 16:30:00 Europe/Berlin", clock.TimeWithZone(T0));
        Assert.Equal("Times in Europe/Berlin", clock.ZoneLabel);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public void Without_a_zone_this_server_knows_times_are_utc_and_it_says_so(string? zone)
    {
        var clock = ViewerClock.For(zone);

        Assert.False(clock.Known);
        Assert.Equal("2024-03-01 15:30:00 UTC", clock.TimeWithZone(T0));
        Assert.Equal("Times in UTC (your browser's time zone is not known here)", clock.ZoneLabel);
    }

    [Fact]
    public void Bar_times_carry_the_market_time_in_new_york_with_the_date_when_it_differs()
    {
        Assert.Equal("10:30 New York", ViewerClock.For("Europe/Berlin").MarketTime(T0));
        // Summer: 2024-07-01 02:00 UTC is 11:00 in Tokyo on the 1st and 22:00 in New York on June 30th (EDT).
        Assert.Equal("2024-06-30 22:00 New York", ViewerClock.For("Asia/Tokyo").MarketTime(new DateTime(2024, 7, 1, 2, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2024-03-01", "2024-03-01T08:00:00")] // PST
    [InlineData("America/Los_Angeles", "2024-03-10", "2024-03-10T08:00:00")] // clocks go forward at 02:00: midnight is still PST
    [InlineData("America/Los_Angeles", "2024-03-11", "2024-03-11T07:00:00")] // PDT
    [InlineData("Europe/Berlin", "2024-07-01", "2024-06-30T22:00:00")]
    [InlineData("America/Santiago", "2024-09-08", "2024-09-08T04:00:00")] // midnight skipped: the day starts at 01:00 (-03)
    [InlineData("America/Havana", "2024-11-03", "2024-11-03T04:00:00")] // midnight repeats: the first, in daylight time (-04)
    public void A_viewer_day_starts_at_the_first_instant_of_that_calendar_day(string zone, string day, string startUtc)
    {
        var start = ViewerClock.For(zone).DayStart(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeKind.Utc, start.Kind);
        Assert.Equal(DateTime.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture), start);
    }

    [Fact]
    public void Without_a_zone_a_day_is_the_utc_day() =>
        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), ViewerClock.Utc.DayStart(new DateTime(2024, 3, 1, 17, 45, 0)));
}
