using System.Globalization;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Components.Shared;

/// <summary>
/// The viewer's time zone, as the browser names it (IANA, e.g. <c>Europe/Berlin</c>), for writing wall times (stored in UTC) the
/// way the viewer reads a clock; and the market's New York time beside bar times. The layout asks the browser once per circuit
/// (<see cref="ZoneFunction"/>) and cascades the result; until then, or when the browser names no zone this server knows, times
/// are UTC and <see cref="ZoneLabel"/> says so.
/// </summary>
public sealed record ViewerClock(TimeZoneInfo Zone, bool Known)
{
    /// <summary>The JS function that returns the browser's IANA time zone (<c>wwwroot/js/time.js</c>).</summary>
    public const string ZoneFunction = "wawaTime.zone";

    /// <summary>UTC, because the browser's zone is not known (yet).</summary>
    public static ViewerClock Utc { get; } = new(TimeZoneInfo.Utc, false);

    /// <summary>The clock of the zone the browser named; <see cref="Utc"/> when it named none this server knows (tzdata).</summary>
    public static ViewerClock For(string? ianaZone)
    {
        if (string.IsNullOrWhiteSpace(ianaZone)) return Utc;
        try { return new ViewerClock(TimeZoneInfo.FindSystemTimeZoneById(ianaZone.Trim()), true); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { return Utc; }
    }

    /// <summary>The zone's name as a column header or suffix shows it: <c>Europe/Berlin</c>, or <c>UTC</c>.</summary>
    public string ZoneName => Known ? Zone.Id : "UTC";

    /// <summary>What the page says about the zone: <c>Times in Europe/Berlin</c>, or that it fell back to UTC and why.</summary>
    public string ZoneLabel => Known ? $"Times in {Zone.Id}" : "Times in UTC (your browser's time zone is not known here)";

    /// <summary>A wall time (UTC) in the viewer's zone: <c>2024-03-01 15:30:05</c>.</summary>
    public string Time(DateTime utc) => Format.Time(Local(utc));

    /// <summary>A wall time (UTC) in the viewer's zone with the zone: <c>2024-03-01 15:30:05 Europe/Berlin</c>.</summary>
    public string TimeWithZone(DateTime utc) => $"{Time(utc)} {ZoneName}";

    /// <summary>A bar's time (UTC) in the market's zone: <c>09:30 New York</c>, with the date when it differs from the viewer's.</summary>
    public string MarketTime(DateTime utc)
    {
        var market = MarketClock.ToNewYork(utc);
        var sameDay = market.Date == Local(utc).Date;
        return market.ToString(sameDay ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " New York";
    }

    /// <summary>The first instant (UTC) of the viewer's calendar day <paramref name="day"/> (its time of day is ignored): local
    /// midnight, or the first valid local time when a clock change skips midnight, or the earlier of the two when midnight repeats.</summary>
    public DateTime DayStart(DateTime day)
    {
        var local = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(15); // a skipped hour (or half hour) starts later
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>When the viewer's day <paramref name="day"/> starts, in UTC (<see cref="DayStart"/>); null for no day.</summary>
    public DateTime? StartOf(DateTime? day) => day is { } d ? DayStart(d) : null;

    /// <summary>When the viewer's day <paramref name="day"/> ends, that is when the next day starts, in UTC; null for no day.</summary>
    public DateTime? EndOf(DateTime? day) => day is { } d ? DayStart(d.Date.AddDays(1)) : null;

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
