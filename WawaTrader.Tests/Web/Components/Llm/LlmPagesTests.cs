using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Components.Llm;
using static WawaTrader.Tests.Core.Persistence.JournalData;
using LlmInteractionsPage = WawaTrader.Web.Components.Pages.LlmInteractions;
using LlmScorecardPage = WawaTrader.Web.Components.Pages.LlmScorecard;

namespace WawaTrader.Tests.Web.Components.Llm;

/// <summary>The interactions and scorecard pages over the real store and a temp SQLite file.</summary>
public sealed class LlmPagesTests : IAsyncLifetime
{
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateMigratedAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private BunitContext Context() => PageContext.Create(_db.Journal, s => s.AddSingleton(_db.LlmStore));

    private async Task RecordAsync(params DecisionRecord[] decisions)
    {
        foreach (var d in decisions) await _db.Journal.RecordDecisionAsync(d, CancellationToken.None);
    }

    [Fact]
    public async Task Lists_interactions_newest_first_and_filters_by_outcome()
    {
        var used = Decision("SPY", time: MarketOpen).WithModel(LlmOutcome.Used);
        var failed = Decision("MSFT", time: MarketOpen.AddMinutes(1)).WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Timeout after 20 s");
        await RecordAsync(used, failed);
        await using var ctx = Context();
        var cut = ctx.Render<LlmInteractionsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=llm-row]").Count), PageContext.Wait);
        Assert.Equal([failed.Interaction!.Id.ToString(), used.Interaction!.Id.ToString()],
            cut.FindAll("[data-testid=llm-row]").Select(r => r.GetAttribute("data-interaction-id")));

        var filters = cut.FindComponent<InteractionFilters>();
        await cut.InvokeAsync(() => filters.Instance.ValueChanged.InvokeAsync(new InteractionFilter(Outcome: LlmOutcome.Failed)));

        cut.WaitForAssertion(() => Assert.Equal("Failed", cut.Find("[data-testid=llm-row] [data-testid=llm-outcome]").TextContent.Trim()), PageContext.Wait);
        Assert.Single(cut.FindAll("[data-testid=llm-row]"));
    }

    [Fact]
    public async Task A_date_range_is_of_the_viewers_days_and_says_whose()
    {
        // 2024-03-15 05:00 UTC is 22:00 on March 14th in Los Angeles (PDT); 13:30 UTC is 06:30 on the 15th.
        var evening = new DateTime(2024, 3, 15, 5, 0, 0, DateTimeKind.Utc);
        var before = Decision("AAPL", time: evening).WithModel(time: evening);
        var open = Decision("SPY", time: MarketOpen).WithModel(time: MarketOpen);
        await RecordAsync(before, open);
        await using var ctx = PageContext.Create(_db.Journal, s => s.AddSingleton(_db.LlmStore).AddViewerZone());
        var cut = ctx.Render<LlmInteractionsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=llm-row]").Count), PageContext.Wait);
        var filters = cut.FindComponent<InteractionFilters>();
        Assert.Contains("Date range (America/Los_Angeles)", filters.Markup, StringComparison.Ordinal);

        var day = new DateTime(2024, 3, 15);
        await cut.InvokeAsync(() => filters.Instance.ValueChanged.InvokeAsync(new InteractionFilter(FirstDay: day, LastDay: day)));

        cut.WaitForAssertion(() => Assert.Equal([open.Interaction!.Id.ToString()],
            cut.FindAll("[data-testid=llm-row]").Select(r => r.GetAttribute("data-interaction-id"))), PageContext.Wait);
    }

    [Fact]
    public async Task Times_are_in_the_viewers_zone_named_in_the_header()
    {
        // 2024-03-15 13:30 UTC is 06:30 in Los Angeles (PDT).
        await RecordAsync(Decision("SPY", time: MarketOpen).WithModel(time: MarketOpen));
        await using var ctx = PageContext.Create(_db.Journal, s => s.AddSingleton(_db.LlmStore).AddViewerZone());
        var cut = ctx.Render<LlmInteractionsPage>();

        cut.WaitForElement("[data-testid=llm-row]", PageContext.Wait);

        Assert.Equal("Time (America/Los_Angeles)", cut.Find("[data-testid=llm-time-header]").TextContent.Trim());
        Assert.Equal("2024-03-15 06:30:00", cut.Find("[data-testid=llm-time]").TextContent.Trim());
    }

    [Fact]
    public async Task Typing_a_symbol_filters_and_a_row_expands_to_prompt_answer_and_verdict()
    {
        await RecordAsync(
            Decision("SPY", time: MarketOpen).WithModel(prompt: "Prompt about SPY"),
            Decision("MSFT", time: MarketOpen.AddMinutes(1)).WithModel(prompt: "Prompt about MSFT"));
        await using var ctx = Context();
        var cut = ctx.Render<LlmInteractionsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=llm-row]").Count), PageContext.Wait);

        cut.Find("[data-testid=filter-symbol] input, input[data-testid=filter-symbol]").Change("spy");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=llm-row]")), PageContext.Wait);
        cut.Find("[data-testid=llm-row]").Click();

        Assert.Equal("Prompt about SPY", cut.Find("[data-testid=llm-expanded] [data-testid=llm-prompt]").TextContent);
        Assert.Contains("Momentum is strong", cut.Find("[data-testid=llm-expanded] [data-testid=llm-raw]").TextContent);
        Assert.Equal("Buy", cut.Find("[data-testid=llm-expanded] [data-testid=llm-parsed-action]").TextContent.Trim());
    }

    [Fact]
    public async Task A_repeated_failure_stored_without_its_prompt_says_so_instead_of_showing_an_empty_prompt()
    {
        await RecordAsync(Decision("SPY", time: MarketOpen)
            .WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Connection refused", prompt: ""));
        await using var ctx = Context();
        var cut = ctx.Render<LlmInteractionsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=llm-row]")), PageContext.Wait);

        cut.Find("[data-testid=llm-row]").Click();

        Assert.Empty(cut.FindAll("[data-testid=llm-expanded] [data-testid=llm-prompt]"));
        Assert.Equal(LlmInteraction.PromptNotKeptNote, cut.Find("[data-testid=llm-expanded] [data-testid=llm-prompt-not-kept]").TextContent.Trim());
        Assert.Contains("Connection refused", cut.Find("[data-testid=llm-expanded] [data-testid=llm-unreadable]").TextContent);
    }

    [Fact]
    public async Task Each_row_links_to_its_decision()
    {
        var decision = Decision("SPY").WithModel();
        await RecordAsync(decision);
        await using var ctx = Context();

        var cut = ctx.Render<LlmInteractionsPage>();

        cut.WaitForAssertion(() => Assert.Equal($"decisions/{decision.Id}", cut.Find("[data-testid=llm-decision-link]").GetAttribute("href")), PageContext.Wait);
    }

    [Fact]
    public async Task Scorecard_shows_each_model_with_shares_rates_and_calibration()
    {
        // Latency 812.5 ms shows rounded half away from zero. Two answers from gemma (one BUY used, one HOLD vetoed) and one failed call from qwen.
        await RecordAsync(
            Decision("SPY", time: MarketOpen, barTime: MarketOpen).WithModel(LlmOutcome.Used),
            Decision("SPY", time: MarketOpen.AddMinutes(1), barTime: MarketOpen.AddMinutes(1))
                .WithModel(LlmOutcome.Vetoed, parsed: new LlmVerdict(TradeAction.Hold, 60, "Wait")),
            Decision("SPY", time: MarketOpen.AddMinutes(2), barTime: MarketOpen.AddMinutes(2))
                .WithModel(LlmOutcome.Failed, model: "qwen/qwen3-8b", parsedNull: true, rawResponse: null, error: "Timeout"));
        await using var ctx = Context();

        var cut = ctx.Render<LlmScorecardPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=scorecard-model]").Count), PageContext.Wait);
        var gemma = cut.Find($"[data-testid=scorecard-model][data-model='{LlmData.Model}']");
        Assert.Equal("50.0% / 0.0% / 50.0%", gemma.QuerySelector("[data-testid=score-shares]")!.TextContent.Trim());
        Assert.Equal("1 (50.0%) / 1 (50.0%)", gemma.QuerySelector("[data-testid=score-veto]")!.TextContent.Trim());
        Assert.Equal("813 ms / 813 ms / 813 ms", gemma.QuerySelector("[data-testid=score-latency]")!.TextContent.Trim());
        var qwen = cut.Find("[data-testid=scorecard-model][data-model='qwen/qwen3-8b']");
        Assert.Equal("1 (100.0%)", qwen.QuerySelector("[data-testid=score-failures]")!.TextContent.Trim());
        Assert.Equal("—", qwen.QuerySelector("[data-testid=score-brier]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Scorecard_without_interactions_says_the_model_was_not_asked()
    {
        await using var ctx = Context();

        var cut = ctx.Render<LlmScorecardPage>();

        cut.WaitForElement("[data-testid=no-scores]", PageContext.Wait);
    }
}
