using WawaTrader.Core.Analysis;

namespace WawaTrader.Core.Trading;

/// <summary>
/// Filters and page of <see cref="IDecisionJournal.QueryDecisionsAsync"/>; null means "any". <see cref="From"/> is inclusive
/// and <see cref="To"/> exclusive, both wall time (UTC) of <see cref="DecisionRecord.Time"/>. <see cref="Symbol"/> matches
/// exactly (symbols are stored upper case). <see cref="Text"/> matches a substring of the reasoning, case-insensitively (ASCII).
/// <see cref="Page"/> is zero-based; <see cref="PageSize"/> is clamped to 1..<see cref="MaxPageSize"/>.
/// </summary>
public sealed record DecisionQuery(
    string? Symbol = null,
    TradeAction? Action = null,
    bool? Approved = null,
    DecisionSource? Source = null,
    DateTime? From = null,
    DateTime? To = null,
    string? Text = null,
    int Page = 0,
    int PageSize = DecisionQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 500;

    /// <summary>The page size actually used.</summary>
    public int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    /// <summary>Rows skipped before the page (a negative page counts as the first).</summary>
    public int Skip => Math.Max(0, Page) * EffectivePageSize;
}

/// <summary>One page of decisions, newest first, and how many match the filters in all (<see cref="TotalCount"/>).</summary>
public sealed record DecisionPage(IReadOnlyList<DecisionRecord> Items, int TotalCount);
