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
}
