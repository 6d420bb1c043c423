using Bunit;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using Sample = WawaTrader.Tests.Web.Components.Decisions;
using DecisionDetail = WawaTrader.Web.Components.Pages.DecisionDetail;

namespace WawaTrader.Tests.Web.Components.DecisionPages;

public sealed class DecisionDetailTests
{
    private readonly InMemoryDecisionJournal _journal = new();

    private async Task<IRenderedComponent<DecisionDetail>> RenderAsync(BunitContext ctx, DecisionRecord decision)
    {
        await _journal.RecordDecisionAsync(decision, CancellationToken.None);
        var cut = ctx.Render<DecisionDetail>(p => p.Add(x => x.Id, decision.Id));
        cut.WaitForElement("[data-testid=decision-reasoning]", PageContext.Wait);
        return cut;
    }

    private static string Text(IRenderedComponent<DecisionDetail> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public async Task Shows_the_full_reasoning_prominently()
    {
        const string reasoning = "RSI 28 oversold.\nMACD crossed up; volume 1.8x.";
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, Sample.Make("AAPL", reasoning: reasoning));

        Assert.Equal(reasoning, cut.Find("[data-testid=decision-reasoning]").TextContent);
        Assert.Equal("AAPL", Text(cut, "decision-symbol"));
    }

    [Fact]
    public async Task Lists_each_risk_rule_with_value_limit_and_verdict()
    {
        var checks = new[] { new RiskCheck(RiskRules.Exposure, false, 34.5, 30, "Exposure 34.5% would exceed 30%"), Sample.Pass(RiskRules.Confidence) };
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, Sample.Make(approved: false, checks: checks));

        var rows = cut.FindAll("[data-testid=risk-check]");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("Exposure", "34.5", "30", "Fail"), (rows[0].GetAttribute("data-rule"), rows[0].QuerySelector("[data-testid=risk-value]")!.TextContent.Trim(),
            rows[0].QuerySelector("[data-testid=risk-limit]")!.TextContent.Trim(), rows[0].QuerySelector("[data-testid=risk-verdict]")!.TextContent.Trim()));
        Assert.Equal("Pass", rows[1].QuerySelector("[data-testid=risk-verdict]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Shows_a_waived_rule_as_waived_with_its_reason()
    {
        const string reason = "Waived: a sell that closes the AAPL position adds no risk; 10 of 10 trades used today";
        var checks = new[] { Sample.Waived(RiskRules.TradesPerDay, reason), Sample.Pass(RiskRules.Confidence) };
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, Sample.Make(action: TradeAction.Sell, checks: checks));

        var rows = cut.FindAll("[data-testid=risk-check]");
        Assert.Equal(("Waived", "true"), (rows[0].QuerySelector("[data-testid=risk-verdict]")!.TextContent.Trim(), rows[0].GetAttribute("data-waived")));
        Assert.Contains(reason, rows[0].TextContent);
        Assert.Equal(("Pass", "false"), (rows[1].QuerySelector("[data-testid=risk-verdict]")!.TextContent.Trim(), rows[1].GetAttribute("data-waived")));
    }

    [Fact]
    public async Task Shows_every_indicator_with_n_a_for_warm_up_values()
    {
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, Sample.Make());

        var values = cut.FindAll("[data-testid=indicator-value]").Select(v => v.TextContent.Trim()).ToList();
        Assert.Equal(16, values.Count);
        // Close 100, previous 99, SMA20/SMA50/EMA20 not yet defined, RSI 50.
        Assert.Equal(["100", "99", "n/a", "n/a", "n/a", "50"], values.Take(6));
    }

    [Fact]
    public async Task Shows_prompt_raw_answer_and_parsed_verdict_side_by_side_with_outcome_latency_and_tokens()
    {
        var decision = JournalData.Decision("SPY").WithModel(LlmOutcome.Vetoed, parsed: new LlmVerdict(TradeAction.Hold, 55, "Earnings tomorrow"),
            prompt: "PROMPT TEXT\nline 2", rawResponse: "{\"action\":\"HOLD\"}", latencyMs: 1234, promptTokens: 700, completionTokens: 40);
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, decision);

        Assert.Equal("PROMPT TEXT\nline 2", cut.Find("[data-testid=llm-prompt]").TextContent);
        Assert.Equal("{\"action\":\"HOLD\"}", cut.Find("[data-testid=llm-raw]").TextContent);
        Assert.Equal("Hold", Text(cut, "llm-parsed-action"));
        Assert.Contains("Earnings tomorrow", Text(cut, "llm-parsed"));
        Assert.Equal("Vetoed", Text(cut, "llm-outcome"));
        Assert.Equal("1,234 ms", Text(cut, "llm-latency"));
        Assert.Equal("tokens 700 in / 40 out", Text(cut, "llm-tokens"));
        // The technical analyst's own view is the recorded one, not the decision.
        Assert.Equal("Buy", Text(cut, "technical-action"));
        Assert.Equal("RSI 61.5 and price above SMA20", Text(cut, "technical-reasoning"));
    }

    [Fact]
    public async Task A_verdict_with_a_limit_price_says_the_limit_and_a_market_one_says_none()
    {
        var limit = JournalData.Decision("SPY").WithModel(parsed: new LlmVerdict(TradeAction.Buy, 80, "Buy the dip") { LimitPrice = 187.25m });
        var market = JournalData.Decision("MSFT").WithModel(parsed: new LlmVerdict(TradeAction.Buy, 80, "Breakout"));
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, limit);
        Assert.Equal($"Limit at {WawaTrader.Web.Components.Shared.Format.Money(187.25m)}", Text(cut, "llm-parsed-limit"));

        cut = await RenderAsync(ctx, market);
        Assert.Empty(cut.FindAll("[data-testid=llm-parsed-limit]"));
    }

    [Fact]
    public async Task An_unreadable_answer_says_why_instead_of_a_verdict()
    {
        var decision = JournalData.Decision("SPY").WithModel(LlmOutcome.FellBack, parsedNull: true, rawResponse: "I think maybe", error: "No action found");
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, decision);

        Assert.Contains("No action found", Text(cut, "llm-unreadable"));
        Assert.Empty(cut.FindAll("[data-testid=llm-parsed-action]"));
    }

    [Fact]
    public async Task A_technical_only_decision_is_its_own_technical_view_and_has_no_model_part()
    {
        await using var ctx = PageContext.Create(_journal);

        var cut = await RenderAsync(ctx, Sample.Make(action: TradeAction.Sell, reasoning: "Stop-loss"));

        Assert.Equal("Sell", Text(cut, "technical-action"));
        Assert.Equal("Stop-loss", Text(cut, "technical-reasoning"));
        Assert.NotNull(cut.Find("[data-testid=no-llm-interaction]"));
    }

    [Fact]
    public async Task Shows_the_order_and_its_fills()
    {
        var decision = Sample.Make(withOrder: true);
        await using var ctx = PageContext.Create(_journal);
        await _journal.RecordDecisionAsync(decision, CancellationToken.None);
        await _journal.UpdateOrderAsync(decision.Order! with
        {
            Status = OrderStatus.Filled, Fills = [new Fill(Sample.T0, 6, 101.5m, 0.1m), new Fill(Sample.T0, 4, 101.75m, 0.1m)],
        }, CancellationToken.None);

        var cut = ctx.Render<DecisionDetail>(p => p.Add(x => x.Id, decision.Id));
        cut.WaitForElement("[data-testid=order-status]", PageContext.Wait);

        Assert.Equal("Filled", Text(cut, "order-status"));
        Assert.Equal(decision.Order!.ClientOrderId, Text(cut, "order-id"));
        Assert.Equal(2, cut.FindAll("[data-testid=fill]").Count);
    }

    [Fact]
    public async Task A_fill_before_its_submission_is_labelled_market_time_and_the_submission_wall_time()
    {
        // Submitted at 19:32:02 by the clock, filled on the bar of 19:32:00.
        var submitted = new DateTime(2024, 3, 1, 19, 32, 2, DateTimeKind.Utc);
        var decision = Sample.Make(withOrder: true);
        await using var ctx = PageContext.Create(_journal);
        await _journal.RecordDecisionAsync(decision, CancellationToken.None);
        await _journal.UpdateOrderAsync(decision.Order! with
        {
            SubmittedAt = submitted, Status = OrderStatus.Filled, Fills = [new Fill(submitted.AddSeconds(-2), 10, 101.5m, 0.1m)],
        }, CancellationToken.None);

        var cut = ctx.Render<DecisionDetail>(p => p.Add(x => x.Id, decision.Id));
        cut.WaitForElement("[data-testid=order-status]", PageContext.Wait);

        var order = cut.Find("[data-testid=order]").TextContent;
        Assert.Contains("Submitted (wall time)", order);
        Assert.Contains("Filled, bar time (UTC)", order);
        Assert.Contains("19:32:02", Text(cut, "order-submitted"));
        Assert.Contains("19:32:00", cut.Find("[data-testid=fill]").TextContent);
    }

    [Fact]
    public async Task Every_time_is_in_the_viewers_zone_with_the_zone_and_bar_times_also_in_new_york_time()
    {
        // 2024-03-01 15:30 UTC: 07:30 in Los Angeles, 10:30 in New York.
        var decision = Sample.Make(withOrder: true).WithModel(time: Sample.T0);
        await using var ctx = PageContext.Create(_journal, s => s.AddViewerZone());
        await _journal.RecordDecisionAsync(decision, CancellationToken.None);
        await _journal.UpdateOrderAsync(decision.Order! with
        {
            Status = OrderStatus.Filled, Fills = [new Fill(Sample.T0.AddMinutes(1), 10, 101.5m, 0.1m)],
        }, CancellationToken.None);

        var cut = ctx.Render<DecisionDetail>(p => p.Add(x => x.Id, decision.Id));
        cut.WaitForElement("[data-testid=order-status]", PageContext.Wait);

        Assert.Equal("Decided 2024-03-01 07:30:00 America/Los_Angeles on the bar of 2024-03-01 07:30:00 America/Los_Angeles (10:30 New York)",
            Text(cut, "decision-times"));
        Assert.Equal("2024-03-01 07:30:00 America/Los_Angeles", Text(cut, "order-submitted"));
        Assert.Contains("Filled, bar time (America/Los_Angeles)", cut.Find("[data-testid=order]").TextContent);
        Assert.Equal(("2024-03-01 07:31:00", "10:31 New York"), (Text(cut, "bar-time"), Text(cut, "bar-market-time")));
        Assert.Equal("At the close of the bar of 2024-03-01 07:30:00 America/Los_Angeles (10:30 New York)", Text(cut, "indicator-bar-time"));
        Assert.Equal("2024-03-01 07:30:00 America/Los_Angeles", Text(cut, "llm-facts-time"));
        Assert.DoesNotContain("UTC", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_says_there_is_no_such_decision()
    {
        await using var ctx = PageContext.Create(_journal);

        var cut = ctx.Render<DecisionDetail>(p => p.Add(x => x.Id, Guid.NewGuid()));

        cut.WaitForElement("[data-testid=decision-not-found]", PageContext.Wait);
    }
}
