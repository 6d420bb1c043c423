using System.Globalization;

namespace WawaTrader.Web.Components.Shared;

/// <summary>
/// How the pages write numbers: invariant culture everywhere (the server's culture must not change what a user
/// reads), money as <c>$1,234.56</c> with the sign before the dollar, percents with two decimals.
/// </summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><c>$1,234.56</c>, <c>-$1,234.56</c>.</summary>
    public static string Money(decimal value) =>
        (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("N2", Invariant);

    /// <summary>Always signed: <c>+$12.30</c>, <c>-$12.30</c>, <c>$0.00</c>.</summary>
    public static string SignedMoney(decimal value) =>
        (value > 0 ? "+" : "") + Money(value);

    /// <summary>A value already in percent: <c>12.34%</c>.</summary>
    public static string Percent(decimal percent) => percent.ToString("N2", Invariant) + "%";

    /// <inheritdoc cref="Percent(decimal)"/>
    public static string Percent(double percent) => double.IsFinite(percent) ? percent.ToString("N2", Invariant) + "%" : "—";

    /// <summary>Always signed: <c>+1.20%</c>, <c>-1.20%</c>.</summary>
    public static string SignedPercent(decimal percent) => (percent > 0 ? "+" : "") + Percent(percent);

    /// <summary>A confidence in 0–100 as a whole percent: <c>82%</c>.</summary>
    public static string Confidence(double confidence) =>
        double.IsFinite(confidence) ? Math.Round(confidence, MidpointRounding.AwayFromZero).ToString("0", Invariant) + "%" : "—";

    /// <summary>Shares: whole numbers grouped, fractions to at most four decimals (<c>1,200</c>, <c>0.5</c>).</summary>
    public static string Quantity(decimal quantity) => quantity.ToString("#,0.####", Invariant);

    /// <summary>Wall time (UTC) as the tables show it: <c>2024-03-01 14:30:05</c>.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    /// <summary>A bar's time as stored (market time): <c>2004-11-05</c> for daily bars (<paramref name="dates"/>), else
    /// <c>2004-11-05 09:30</c>.</summary>
    public static string BarTime(DateTime time, bool dates) => time.ToString(dates ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", Invariant);
}
