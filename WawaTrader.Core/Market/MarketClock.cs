using System.Collections.Concurrent;

namespace WawaTrader.Core.Market;

/// <summary>Conversions between UTC and the New York market calendar (the only place market-hours rules read a time zone).</summary>
public static class MarketClock
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The New York calendar date of a UTC instant.</summary>
    public static DateOnly NewYorkDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), NewYork));

    // The UTC span of every New York date asked about (one entry per calendar day: a few thousand over decades of history).
    private static readonly ConcurrentDictionary<DateOnly, (DateTime StartUtc, DateTime EndUtc)> DaySpans = new();

    /// <summary>The New York day containing <paramref name="utc"/>: its date and the UTC instants of its first moment (midnight New
    /// York time) and of the next day's. Each date is converted once and remembered, so a backtest over years of bars pays for
    /// the time-zone rules once per day, not once per bar.</summary>
    public static (DateOnly Date, DateTime StartUtc, DateTime EndUtc) NewYorkDay(DateTime utc)
    {
        // New York is 4 or 5 hours behind UTC, so its date is the date of utc − 5 h or the day after.
        var guess = DateOnly.FromDateTime(utc.AddHours(-5));
        for (var date = guess; date <= guess.AddDays(1); date = date.AddDays(1))
        {
            var (start, end) = DaySpans.GetOrAdd(date, static d => (MidnightUtc(d), MidnightUtc(d.AddDays(1))));
            if (utc >= start && utc < end) return (date, start, end);
        }
        var actual = NewYorkDate(utc);
        return (actual, MidnightUtc(actual), MidnightUtc(actual.AddDays(1)));
    }

    private static DateTime MidnightUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), NewYork);

    /// <summary>True when <paramref name="utc"/> falls in the New York regular session: Monday–Friday, 09:30 ≤ t &lt; 16:00
    /// New York time (exchange holidays are not modelled).</summary>
    public static bool IsRegularSession(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), NewYork);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        var time = local.TimeOfDay;
        return time >= new TimeSpan(9, 30, 0) && time < new TimeSpan(16, 0, 0);
    }
}
