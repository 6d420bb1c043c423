using WawaTrader.Core.Analysis;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Decisions;

/// <summary>
/// The decisions page's filters as the user set them. <see cref="FirstDay"/> and <see cref="LastDay"/> are whole days of the
/// viewer's calendar (<see cref="ViewerClock"/>), both inclusive (the query's upper bound is the start of the day after <see cref="LastDay"/>).
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
    public DecisionQuery ToQuery(int page, int pageSize, ViewerClock clock) => new(
        Symbol: string.IsNullOrWhiteSpace(Symbol) ? null : Symbol.Trim().ToUpperInvariant(),
        Action: Action,
        Approved: Approved,
        Source: Source,
        From: clock.StartOf(FirstDay),
        To: clock.EndOf(LastDay),
        Text: string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Page: page,
        PageSize: pageSize);
}
