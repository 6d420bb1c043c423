using WawaTrader.Core.Analysis;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Components.Decisions;

/// <summary>
/// The decisions page's filters as the user set them. <see cref="FirstDay"/> and <see cref="LastDay"/> are whole UTC days,
/// both inclusive (the query's upper bound is the day after <see cref="LastDay"/>).
/// </summary>
public sealed record DecisionFilter(
    string? Symbol = null,
    TradeAction? Action = null,
    bool? Approved = null,
    DecisionSource? Source = null,
    DateTime? FirstDay = null,
    DateTime? LastDay = null,
    string? Text = null)
{
    public DecisionQuery ToQuery(int page, int pageSize) => new(
        Symbol: string.IsNullOrWhiteSpace(Symbol) ? null : Symbol.Trim().ToUpperInvariant(),
        Action: Action,
        Approved: Approved,
        Source: Source,
        From: Day(FirstDay),
        To: Day(LastDay)?.AddDays(1),
        Text: string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Page: page,
        PageSize: pageSize);

    /// <summary>The UTC midnight starting <paramref name="day"/>.</summary>
    public static DateTime? Day(DateTime? day) => day is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : null;
}
