using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Microsoft.AspNetCore.Components;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Decisions;
using Sample = WawaTrader.Tests.Web.Components.Decisions;
using DecisionsPage = WawaTrader.Web.Components.Pages.Decisions;

namespace WawaTrader.Tests.Web.Components.DecisionPages;

public sealed class DecisionsPageTests
{
    private readonly InMemoryDecisionJournal _journal = new();

    private async Task RecordAsync(params DecisionRecord[] decisions)
    {
        foreach (var d in decisions) await _journal.RecordDecisionAsync(d, CancellationToken.None);
    }

    private static string[] Symbols(IRenderedComponent<DecisionsPage> cut) =>
        [.. cut.FindAll("[data-testid=decision-link]").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Shows_the_first_page_newest_first_with_the_total()
    {
        await RecordAsync([.. Enumerable.Range(0, 30).Select(i => Sample.Make($"S{i}", time: Sample.T0.AddMinutes(i)))]);
        await using var ctx = PageContext.Create(_journal);

        var cut = ctx.Render<DecisionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(DecisionQuery.DefaultPageSize, cut.FindAll("[data-testid=decisions-row]").Count), PageContext.Wait);
        Assert.Equal("S29", Symbols(cut)[0]);
        Assert.Equal("30 decisions", cut.Find("[data-testid=decisions-total]").TextContent.Trim());
    }

    [Fact]
    public async Task Times_are_in_the_viewers_zone_named_in_the_header()
    {
        await RecordAsync(Sample.Make("AAPL", time: Sample.T0));
        await using var ctx = PageContext.Create(_journal, s => s.AddViewerZone());

        var cut = ctx.Render<DecisionsPage>();

        cut.WaitForElement("[data-testid=decisions-row]", PageContext.Wait);
        Assert.Equal("Time (America/Los_Angeles)", cut.Find("[data-testid=decisions-time-header]").TextContent.Trim());
        Assert.Equal("2024-03-01 07:30:00", cut.Find("td[data-testid=decisions-row]").TextContent.Trim());
    }

    [Fact]
    public async Task Typing_a_symbol_filters_the_rows_in_the_query()
    {
        await RecordAsync(Sample.Make("AAPL"), Sample.Make("MSFT", time: Sample.T0.AddMinutes(1)), Sample.Make("AAPL", time: Sample.T0.AddMinutes(2)));
        await using var ctx = PageContext.Create(_journal);
        var cut = ctx.Render<DecisionsPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=decisions-row]").Count), PageContext.Wait);

        cut.Find("[data-testid=filter-symbol] input, input[data-testid=filter-symbol]").Change("aapl");

        cut.WaitForAssertion(() => Assert.Equal(["AAPL", "AAPL"], Symbols(cut)), PageContext.Wait);
        Assert.Equal("2 decisions", cut.Find("[data-testid=decisions-total]").TextContent.Trim());
    }

    [Fact]
    public async Task A_filter_change_queries_approval_source_and_reasoning_text()
    {
        await RecordAsync(
            Sample.Make("AAPL", approved: true, reasoning: "Momentum breakout"),
            Sample.Make("MSFT", approved: false, reasoning: "Momentum fading", time: Sample.T0.AddMinutes(1)),
            Sample.Make("NVDA", approved: false, reasoning: "Oversold", time: Sample.T0.AddMinutes(2)));
        await using var ctx = PageContext.Create(_journal);
        var cut = ctx.Render<DecisionsPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=decisions-row]").Count), PageContext.Wait);
        var filters = cut.FindComponent<DecisionFilters>();

        await cut.InvokeAsync(() => filters.Instance.ValueChanged.InvokeAsync(new DecisionFilter(Approved: false, Text: "momentum")));

        cut.WaitForAssertion(() => Assert.Equal(["MSFT"], Symbols(cut)), PageContext.Wait);
    }

    [Fact]
    public async Task A_date_range_is_of_the_viewers_days_and_says_whose()
    {
        // 2024-03-01 07:30 UTC is 23:30 on February 29th in Los Angeles; 09:00 UTC is 01:00 on March 1st there.
        await RecordAsync(Sample.Make("AAPL", time: new DateTime(2024, 3, 1, 7, 30, 0, DateTimeKind.Utc)),
            Sample.Make("MSFT", time: new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc)));
        await using var ctx = PageContext.Create(_journal, s => s.AddViewerZone());
        var cut = ctx.Render<DecisionsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=decisions-row]").Count), PageContext.Wait);
        var filters = cut.FindComponent<DecisionFilters>();
        Assert.Contains("Date range (America/Los_Angeles)", filters.Markup, StringComparison.Ordinal);

        var march1 = new DateTime(2024, 3, 1);
        await cut.InvokeAsync(() => filters.Instance.ValueChanged.InvokeAsync(new DecisionFilter(FirstDay: march1, LastDay: march1)));
        cut.WaitForAssertion(() => Assert.Equal(["MSFT"], Symbols(cut)), PageContext.Wait);

        var february29 = new DateTime(2024, 2, 29);
        await cut.InvokeAsync(() => filters.Instance.ValueChanged.InvokeAsync(new DecisionFilter(FirstDay: february29, LastDay: february29)));
        cut.WaitForAssertion(() => Assert.Equal(["AAPL"], Symbols(cut)), PageContext.Wait);
    }

    [Fact]
    public async Task Starts_from_the_filters_in_the_query_string()
    {
        await RecordAsync(Sample.Make("AAPL", TradeAction.Buy), Sample.Make("MSFT", TradeAction.Sell, time: Sample.T0.AddMinutes(1)));
        await using var ctx = PageContext.Create(_journal);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/decisions?action=sell");

        var cut = ctx.Render<DecisionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["MSFT"], Symbols(cut)), PageContext.Wait);
    }

    [Fact]
    public async Task Clicking_a_row_opens_the_decision()
    {
        var decision = Sample.Make("AAPL");
        await RecordAsync(decision);
        await using var ctx = PageContext.Create(_journal);
        var cut = ctx.Render<DecisionsPage>();
        cut.WaitForElement("[data-testid=decisions-row]", PageContext.Wait);

        cut.Find("tr.decisions-row").Click();

        Assert.EndsWith($"/decisions/{decision.Id}", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_match_says_so()
    {
        await using var ctx = PageContext.Create(_journal);

        var cut = ctx.Render<DecisionsPage>();

        cut.WaitForElement("[data-testid=no-decisions]", PageContext.Wait);
        Assert.Empty(cut.FindAll("[data-testid=decisions-row]"));
    }
}
