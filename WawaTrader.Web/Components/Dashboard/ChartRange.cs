namespace WawaTrader.Web.Components.Dashboard;

/// <summary>A range of the portfolio value chart, in wall time back from now; <see cref="Span"/> null for all snapshots.</summary>
public sealed record ChartRange(string Label, TimeSpan? Span)
{
    public static readonly ChartRange Day = new("1D", TimeSpan.FromDays(1));
    public static readonly ChartRange Week = new("1W", TimeSpan.FromDays(7));
    public static readonly ChartRange Month = new("1M", TimeSpan.FromDays(30));
    public static readonly ChartRange All = new("All", null);

    public static readonly IReadOnlyList<ChartRange> Choices = [Day, Week, Month, All];

    /// <summary>The earliest wall time (UTC) in the range, or null for all.</summary>
    public DateTime? From(DateTime nowUtc) => Span is { } span ? nowUtc - span : null;
}
