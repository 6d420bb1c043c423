namespace WawaTrader.Core.Market;

/// <summary>Conversions between UTC and the New York market calendar (the only place market-hours rules read a time zone).</summary>
public static class MarketClock
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The New York calendar date of a UTC instant.</summary>
    public static DateOnly NewYorkDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), NewYork));

    /// <summary>The UTC instant at which the New York day containing <paramref name="utc"/> began (midnight New York time).</summary>
    public static DateTime NewYorkDayStartUtc(DateTime utc)
    {
        var midnight = NewYorkDate(utc).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(midnight, NewYork);
    }

    /// <summary>The New York day containing <paramref name="utc"/>: its date and the UTC instants of its first moment (midnight New
    /// York time) and of the next day's (so a caller can tell whether a later instant is still the same day without converting).</summary>
    public static (DateOnly Date, DateTime StartUtc, DateTime EndUtc) NewYorkDay(DateTime utc)
    {
        var date = NewYorkDate(utc);
        return (date,
            TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), NewYork),
            TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), NewYork));
    }

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
