using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using Microsoft.AspNetCore.Components;
using WawaTrader.Web.Components.Dashboard;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class DecisionsTableTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    private static IRenderedComponent<DecisionsTable> Render(BunitContext ctx, params DecisionRecord[] decisions) =>
        ctx.Render<DecisionsTable>(p => p.Add(x => x.Decisions, decisions));

    [Fact]
    public async Task Times_are_in_the_viewers_zone_with_the_bar_in_new_york_time_beside()
    {
        await using var ctx = NewContext();

        var cut = ctx.Render<CascadingValue<ViewerClock>>(p => p
            .Add(x => x.Value, ViewerClock.For("America/Los_Angeles"))
            .AddChildContent<DecisionsTable>(t => t.Add(x => x.Decisions, [Decisions.Make(time: Decisions.T0)])));

        // 2024-03-01 15:30 UTC is 07:30 in Los Angeles (PST) and 10:30 in New York (EST).
        Assert.Equal("Time (America/Los_Angeles)", cut.Find("th").TextContent.Trim());
        Assert.Equal("2024-03-01 07:30:00", cut.Find("[data-testid=decision-time]").TextContent.Trim());
        Assert.Equal("bar 2024-03-01 07:30:00 · 10:30 New York", cut.Find("[data-testid=decision-bar-time]").TextContent.Trim());
    }

    [Fact]
    public async Task Without_the_viewers_zone_the_header_says_utc()
    {
        await using var ctx = NewContext();

        var cut = Render(ctx, Decisions.Make(time: Decisions.T0));

        Assert.Equal("Time (UTC)", cut.Find("th").TextContent.Trim());
        Assert.Equal("2024-03-01 15:30:00", cut.Find("[data-testid=decision-time]").TextContent.Trim());
    }

    [Fact]
    public async Task Renders_one_row_per_decision_in_the_given_order()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, Decisions.Make("MSFT"), Decisions.Make("AAPL"), Decisions.Make("SPY", TradeAction.Hold));

        var rows = cut.FindAll("[data-testid=decision-row]");

        Assert.Equal(["MSFT", "AAPL", "SPY"], rows.Select(r => r.QuerySelector("b")!.TextContent));
    }

    [Fact]
    public async Task Each_row_carries_its_decisions_time_in_unix_milliseconds_for_scripts()
    {
        await using var ctx = NewContext();
        var decision = Decisions.Make(time: new DateTime(2026, 12, 7, 14, 30, 0, 250, DateTimeKind.Utc));

        var row = Render(ctx, decision).Find("[data-testid=decision-row]");

        Assert.Equal("1796653800250", row.GetAttribute("data-decision-ms"));
    }

    [Fact]
    public async Task Approved_buy_shows_action_confidence_and_approved()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, Decisions.Make(action: TradeAction.Buy, confidence: 82.4, approved: true));

        var row = cut.Find("[data-testid=decision-row]");

        Assert.Equal("Buy", row.QuerySelector("[data-testid=decision-action]")!.TextContent.Trim());
        Assert.Equal("82%", row.QuerySelector("[data-testid=decision-confidence]")!.TextContent.Trim());
        Assert.Equal("Approved", row.QuerySelector("[data-testid=decision-risk]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Rejected_sell_lists_only_the_failed_rule_reasons()
    {
        var checks = new[]
        {
            Decisions.Pass(RiskRules.Confidence),
            Decisions.Fail(RiskRules.Exposure, "Exposure 34.0% would exceed 30.0%"),
            Decisions.Fail(RiskRules.TradesPerDay, "10 trades today, limit 10"),
        };
        await using var ctx = NewContext();
        var cut = Render(ctx, Decisions.Make(action: TradeAction.Sell, approved: false, checks: checks));

        var risk = cut.Find("[data-testid=decision-risk]");

        Assert.StartsWith("Rejected", risk.TextContent.Trim());
        Assert.Equal("Exposure 34.0% would exceed 30.0%; 10 trades today, limit 10",
            risk.QuerySelector("[data-testid=decision-failed-reasons]")!.TextContent.Trim());
        Assert.DoesNotContain("Confidence within limit", risk.TextContent);
    }

    [Fact]
    public async Task Hold_shows_a_dash_instead_of_a_verdict()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, Decisions.Make(action: TradeAction.Hold, approved: false));

        Assert.Equal("—", cut.Find("[data-testid=decision-risk]").TextContent.Trim());
    }

    [Fact]
    public async Task Action_chips_are_coloured_by_action()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, 
            Decisions.Make(action: TradeAction.Buy), Decisions.Make(action: TradeAction.Sell), Decisions.Make(action: TradeAction.Hold));

        var chips = cut.FindAll("[data-testid=decision-action]");

        Assert.Contains("mud-chip-color-success", chips[0].ClassName);
        Assert.Contains("mud-chip-color-error", chips[1].ClassName);
        Assert.Contains("mud-chip-color-default", chips[2].ClassName);
    }

    [Fact]
    public async Task Reasoning_is_shown_on_one_line_with_the_full_text_as_tooltip()
    {
        const string reasoning = "RSI 28 is oversold.\nMACD crossed above its signal;\n  volume 1.8x its average.";
        await using var ctx = NewContext();
        var cut = Render(ctx, Decisions.Make(reasoning: reasoning));

        var cell = cut.Find("[data-testid=decision-reasoning]");

        Assert.Equal("RSI 28 is oversold. MACD crossed above its signal; volume 1.8x its average.", cell.TextContent);
        Assert.Equal(reasoning, cell.GetAttribute("title"));
    }

    [Fact]
    public async Task An_empty_list_says_there_are_no_decisions()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx);

        Assert.Empty(cut.FindAll("[data-testid=decision-row]"));
        Assert.NotNull(cut.Find("[data-testid=no-decisions]"));
    }
}
