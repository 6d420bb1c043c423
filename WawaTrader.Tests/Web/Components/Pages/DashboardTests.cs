using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Web.Components.Pages;

using Dashboard = WawaTrader.Web.Components.Pages.Dashboard;

public sealed class DashboardTests : IAsyncDisposable
{
    private static readonly BrokerAccount OpeningAccount = new(100_000m, 100_000m, [], 0m);

    // 100 AAPL bought at 150, now 160: market value 16,000; equity 106,000; day P&L +6,000 (+6.00%).
    private static readonly BrokerAccount AccountWithAapl =
        new(90_000m, 106_000m, [new Position("AAPL", 100m, 150m, 160m, 0m)], 0m);

    private readonly BunitContext _ctx = new();
    private readonly FixedAccountBroker _broker = new(OpeningAccount);
    private readonly DashboardServices _services;
    private readonly FakeTimeProvider _time;
    private readonly AgentEventHub _hub;
    private readonly InMemoryDecisionJournal _journal;
    private readonly AgentControl _agent;
    private readonly PortfolioService _portfolio;

    public DashboardTests()
    {
        _services = new DashboardServices(_ctx, _broker);
        (_time, _hub, _journal, _agent, _portfolio) = (_services.Time, _services.Hub, _services.Journal, _services.Agent, _services.Portfolio);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    /// <summary>Opens the day at 100,000, then moves the account to <see cref="AccountWithAapl"/>.</summary>
    private async Task<PortfolioSnapshot> DayWithAaplAsync()
    {
        await _portfolio.RefreshAsync(_time.GetUtcNow().UtcDateTime, CancellationToken.None);
        _broker.Account = AccountWithAapl;
        _time.Advance(TimeSpan.FromMinutes(5));
        return await _portfolio.RefreshAsync(_time.GetUtcNow().UtcDateTime, CancellationToken.None);
    }

    private IRenderedComponent<Dashboard> RenderLoaded()
    {
        var cut = _ctx.Render<Dashboard>();
        cut.WaitForElement("[data-testid=circuit-ready]");
        return cut;
    }

    private static string Text(IRenderedComponent<Dashboard> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent;

    [Fact]
    public async Task Renders_the_cards_from_the_portfolio_snapshot()
    {
        await DayWithAaplAsync();

        var cut = RenderLoaded();

        Assert.Contains("$106,000.00", Text(cut, "card-equity"));
        Assert.Contains("$90,000.00", Text(cut, "card-cash"));
        Assert.Contains("15.09%", Text(cut, "card-exposure"));
        Assert.Contains("limit 30.00%", Text(cut, "card-exposure"));
        var dayPnl = cut.Find("[data-testid=card-day-pnl] [data-testid=stat-value]");
        Assert.Equal("+$6,000.00", dayPnl.TextContent.Trim());
        Assert.Contains("mud-success-text", dayPnl.ClassName);
        Assert.Contains("+6.00%", Text(cut, "day-pnl-pct"));
    }

    [Fact]
    public async Task The_total_pnl_card_adds_realised_and_unrealised_pnl()
    {
        // 25 of commissions realised, 100 AAPL up 10: +975 on a 105,000 start.
        _broker.Account = new BrokerAccount(89_975m, 105_975m, [new Position("AAPL", 100m, 150m, 160m, -25m)], -25m);
        await _portfolio.RefreshAsync(_time.GetUtcNow().UtcDateTime, CancellationToken.None);

        var cut = RenderLoaded();

        var total = cut.Find("[data-testid=card-total-pnl] [data-testid=stat-value]");
        Assert.Equal("+$975.00", total.TextContent.Trim());
        Assert.Contains("mud-success-text", total.ClassName);
        Assert.Equal("+0.93% vs start $105,000.00", Text(cut, "total-pnl-pct").Trim());
    }

    [Fact]
    public async Task Shows_the_risk_gauges_and_the_charts()
    {
        await DayWithAaplAsync();

        var cut = RenderLoaded();

        Assert.Contains("15.09%", Text(cut, "gauge-exposure"));
        Assert.NotNull(cut.Find("[data-testid=gauge-trades]"));
        Assert.NotNull(cut.Find("[data-testid=gauge-day-loss]"));
        Assert.NotNull(cut.Find("[data-testid=equity-chart]"));
        Assert.NotNull(cut.Find("[data-testid=symbol-chart]"));
        Assert.NotNull(cut.Find("[data-testid=kill-switch]"));
    }

    [Fact]
    public async Task Renders_each_position_with_its_pnl_and_weight()
    {
        await DayWithAaplAsync();

        var cut = RenderLoaded();

        var cells = cut.Find("[data-testid=position-row]").QuerySelectorAll("td").Select(c => c.TextContent.Trim());
        Assert.Equal(["AAPL", "100", "$150.00", "$160.00", "$16,000.00", "+$1,000.00", "+6.67%", "15.09%"], cells);
    }

    [Fact]
    public async Task Shows_the_latest_decisions_from_the_journal_newest_first()
    {
        await _journal.RecordDecisionAsync(Decisions.Make("MSFT", time: Decisions.T0), CancellationToken.None);
        await _journal.RecordDecisionAsync(Decisions.Make("SPY", time: Decisions.T0.AddMinutes(1)), CancellationToken.None);

        var cut = RenderLoaded();

        var symbols = cut.FindAll("[data-testid=decision-row] b").Select(b => b.TextContent);
        Assert.Equal(["SPY", "MSFT"], symbols);
    }

    [Fact]
    public async Task Prepends_a_decision_published_on_the_hub()
    {
        await _journal.RecordDecisionAsync(Decisions.Make("MSFT", time: Decisions.T0), CancellationToken.None);
        var cut = RenderLoaded();

        var live = Decisions.Make("NVDA", TradeAction.Sell, time: Decisions.T0.AddMinutes(2));
        _hub.Publish(new DecisionMade(live.Time, live));

        cut.WaitForAssertion(() =>
            Assert.Equal(["NVDA", "MSFT"], cut.FindAll("[data-testid=decision-row] b").Select(b => b.TextContent)));
    }

    [Fact]
    public async Task Keeps_at_most_the_newest_fifty_decisions()
    {
        for (var i = 0; i < Dashboard.MaxDecisions; i++)
            await _journal.RecordDecisionAsync(Decisions.Make($"S{i}", time: Decisions.T0.AddSeconds(i)), CancellationToken.None);
        var cut = RenderLoaded();

        var live = Decisions.Make("NEW", time: Decisions.T0.AddHours(1));
        _hub.Publish(new DecisionMade(live.Time, live));

        cut.WaitForAssertion(() => Assert.Equal("NEW", cut.Find("[data-testid=decision-row] b").TextContent));
        var symbols = cut.FindAll("[data-testid=decision-row] b").Select(b => b.TextContent).ToList();
        Assert.Equal(Dashboard.MaxDecisions, symbols.Count);
        Assert.DoesNotContain("S0", symbols);
    }

    [Fact]
    public async Task A_burst_of_decisions_is_rendered_once_per_interval_as_its_newest_fifty()
    {
        var cut = RenderLoaded();
        var first = Decisions.Make("FIRST", time: Decisions.T0);
        _hub.Publish(new DecisionMade(first.Time, first));
        cut.WaitForAssertion(() => Assert.Equal("FIRST", cut.Find("[data-testid=decision-row] b").TextContent));

        for (var i = 1; i <= 120; i++)
        {
            var d = Decisions.Make($"S{i}", time: Decisions.T0.AddSeconds(i));
            _hub.Publish(new DecisionMade(d.Time, d));
        }
        await Task.Yield();
        Assert.Equal("FIRST", cut.Find("[data-testid=decision-row] b").TextContent); // within the interval: not rendered yet
        _time.Advance(Dashboard.RenderInterval);

        cut.WaitForAssertion(() => Assert.Equal("S120", cut.Find("[data-testid=decision-row] b").TextContent));
        var symbols = cut.FindAll("[data-testid=decision-row] b").Select(b => b.TextContent).ToList();
        Assert.Equal(Dashboard.MaxDecisions, symbols.Count);
        Assert.Equal("S71", symbols[^1]);
    }

    [Fact]
    public async Task A_portfolio_update_refreshes_the_cards()
    {
        var cut = RenderLoaded();
        Assert.Contains("$100,000.00", Text(cut, "card-equity"));

        var updated = await DayWithAaplAsync();
        _hub.Publish(new PortfolioUpdated(updated.Time, updated));

        cut.WaitForAssertion(() => Assert.Contains("$106,000.00", Text(cut, "card-equity")));
        Assert.Single(cut.FindAll("[data-testid=position-row]"));
    }

    [Fact]
    public void The_start_stop_button_toggles_the_agent()
    {
        var cut = RenderLoaded();
        Assert.Equal(AgentState.Stopped, _agent.State);

        cut.Find("[data-testid=agent-toggle]").Click();

        Assert.Equal(AgentState.Running, _agent.State);
        cut.WaitForAssertion(() => Assert.Equal("Running", Text(cut, "agent-state").Trim()));
        Assert.Equal("Stop", Text(cut, "agent-toggle").Trim());

        cut.Find("[data-testid=agent-toggle]").Click();

        Assert.Equal(AgentState.Stopped, _agent.State);
        cut.WaitForAssertion(() => Assert.Equal("Stopped", Text(cut, "agent-state").Trim()));
    }

    [Fact]
    public void A_halt_by_the_engine_shows_the_state_and_its_reason()
    {
        var cut = RenderLoaded();

        _agent.Halt("Broker unreachable");

        cut.WaitForAssertion(() => Assert.Equal("Halted", Text(cut, "agent-state").Trim()));
        Assert.Equal("Broker unreachable", Text(cut, "agent-reason").Trim());
        Assert.Equal("Start", Text(cut, "agent-toggle").Trim());
    }

    [Fact]
    public void A_failed_cycle_is_shown_as_a_warning()
    {
        var cut = RenderLoaded();

        _hub.Publish(new CycleFailed(Decisions.T0, "Market data timed out"));

        cut.WaitForAssertion(() => Assert.Contains("Market data timed out", Text(cut, "cycle-failed")));
    }

    [Fact]
    public async Task Leaving_the_page_unsubscribes_from_the_hub()
    {
        RenderLoaded();
        Assert.NotEqual(0, _hub.SubscriberCount); // the page and each live chart

        await _ctx.DisposeComponentsAsync();

        Assert.Equal(0, _hub.SubscriberCount);
    }
}
