namespace WawaTrader.Core.Market.Alpaca;

/// <summary>
/// Bar timeframes in Alpaca's spelling. Bars of a day or longer are stamped, as the shared CSV files and the bar cache do, at
/// midnight UTC of their New York trading date (Alpaca stamps a daily bar at New York midnight, e.g. <c>2024-01-02T05:00:00Z</c>,
/// which becomes <c>2024-01-02T00:00:00Z</c>), so a day fetched from Alpaca and the same day imported from a file share one cache
/// key. Intraday bars keep Alpaca's UTC open time.
/// </summary>
public static class AlpacaTimeframes
{
    public const string Day = "1Day";
    public const string Hour = "1Hour";
    public const string Minute = "1Min";

    /// <summary>Every timeframe accepted.</summary>
    public static IReadOnlyList<string> All { get; } = ["1Min", "5Min", "15Min", "30Min", "1Hour", "1Day", "1Week", "1Month"];

    /// <summary>The timeframe in Alpaca's spelling when <paramref name="value"/> is one of <see cref="All"/> (ignoring case), else null.</summary>
    public static string? Normalize(string? value) =>
        All.FirstOrDefault(t => string.Equals(t, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True for a day or longer: bars keyed by their New York date.</summary>
    public static bool IsDaily(string timeframe) => timeframe is "1Day" or "1Week" or "1Month";

    /// <summary>How long one bar of an intraday <paramref name="timeframe"/> lasts; a day for daily bars (a week or month: 7 or 31 days).</summary>
    public static TimeSpan Duration(string timeframe) => timeframe switch
    {
        "1Min" => TimeSpan.FromMinutes(1),
        "5Min" => TimeSpan.FromMinutes(5),
        "15Min" => TimeSpan.FromMinutes(15),
        "30Min" => TimeSpan.FromMinutes(30),
        "1Hour" => TimeSpan.FromHours(1),
        "1Day" => TimeSpan.FromDays(1),
        "1Week" => TimeSpan.FromDays(7),
        "1Month" => TimeSpan.FromDays(31),
        _ => throw new ArgumentException($"Timeframe '{timeframe}' is not one of {string.Join(", ", All)}.", nameof(timeframe)),
    };

    /// <summary>The bar time this codebase stores for Alpaca's timestamp <paramref name="alpacaTimeUtc"/> of a bar of <paramref name="timeframe"/>.</summary>
    public static DateTime BarTime(string timeframe, DateTime alpacaTimeUtc)
    {
        var utc = DateTime.SpecifyKind(alpacaTimeUtc, DateTimeKind.Utc);
        return IsDaily(timeframe) ? MarketClock.NewYorkDate(utc).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : utc;
    }
}
