namespace WawaTrader.Core.Market;

/// <summary>Conversions between UTC and the New York market calendar (the only place market-hours rules read a time zone).</summary>
public static class MarketClock
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The New York wall time (market time) of a UTC instant, as <see cref="DateTimeKind.Unspecified"/>.</summary>
    public static DateTime ToNewYork(DateTime utc) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), NewYork), DateTimeKind.Unspecified);

    /// <summary>The New York calendar date of a UTC instant.</summary>
    public static DateOnly NewYorkDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), NewYork));

    /// <summary>The New York day containing <paramref name="utc"/>: its date and the UTC instants of its first moment (midnight New
    /// York time) and of the next day's. Each date's midnight is converted once and remembered (<see cref="MidnightUtcCached"/>),
    /// so a backtest over years of bars pays for the time-zone rules once per day, not once per bar.</summary>
    public static (DateOnly Date, DateTime StartUtc, DateTime EndUtc) NewYorkDay(DateTime utc)
    {
        // New York is 4 or 5 hours behind UTC, so its date is the date of utc − 5 h or the day after.
        var guess = DateOnly.FromDateTime(utc.AddHours(-5));
        var start = MidnightUtcCached(guess);
        for (var date = guess; date <= guess.AddDays(1); date = date.AddDays(1))
        {
            var end = MidnightUtcCached(date.AddDays(1));
            if (utc >= start && utc < end) return (date, start, end);
            start = end;
        }
        var actual = NewYorkDate(utc);
        return (actual, MidnightUtc(actual), MidnightUtc(actual.AddDays(1)));
    }

    // New York midnights in UTC ticks by day, in lazily made chunks of 1,024 days from 1900 to 2200 (0 = not converted yet; a
    // race converts a day twice to the same value, and a 64-bit write is atomic). Outside that range: converted each time.
    private const int ChunkDays = 1024;
    private static readonly int FirstCachedDay = new DateOnly(1900, 1, 1).DayNumber;
    private static readonly long[]?[] Midnights = new long[]?[(new DateOnly(2200, 1, 1).DayNumber - FirstCachedDay) / ChunkDays + 1];

    private static DateTime MidnightUtcCached(DateOnly date)
    {
        var offset = date.DayNumber - FirstCachedDay;
        if ((uint)offset >= (uint)(Midnights.Length * ChunkDays)) return MidnightUtc(date);
        var chunk = Midnights[offset / ChunkDays];
        if (chunk is null)
        {
            Interlocked.CompareExchange(ref Midnights[offset / ChunkDays], new long[ChunkDays], null);
            chunk = Midnights[offset / ChunkDays]!;
        }
        ref var ticks = ref chunk[offset % ChunkDays];
        if (ticks == 0) ticks = MidnightUtc(date).Ticks;
        return new DateTime(ticks, DateTimeKind.Utc);
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

/// <summary>The regular session's close.</summary>
public static class MarketClose
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The first regular close (16:00 New York time, Monday to Friday; holidays not modelled) strictly after <paramref name="utc"/>, in UTC.</summary>
    public static DateTime NextUtc(DateTime utc)
    {
        var date = MarketClock.NewYorkDate(utc);
        for (var i = 0; i < 8; i++, date = date.AddDays(1))
        {
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var close = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Unspecified), NewYork);
            if (close > utc) return close;
        }
        throw new InvalidOperationException("No weekday within eight days."); // unreachable
    }
}
