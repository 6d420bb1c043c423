using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Web.Components.Shared;
using DecisionsPage = WawaTrader.Web.Components.Pages.Decisions;
using TradesPage = WawaTrader.Web.Components.Pages.Trades;

namespace WawaTrader.Tests.Web.Components.DecisionPages;

/// <summary>
/// The agent picker of the Decisions and Trades pages over a real SQLite database two agents share: this process's agent
/// (<c>default</c>, a buy of 10 AAPL) and <c>beta</c> (a sell of 10 AAPL and a buy of SPY).
/// </summary>
public sealed class AgentPickerPagesTests : IAsyncLifetime
{
    private TempDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TempDatabase.CreateMigratedAsync();
        var beta = _database.AsAgent("beta");
        await _database.Journal.RecordDecisionAsync(Filled("AAPL", OrderSide.Buy, 0), CancellationToken.None);
        await beta.Journal.RecordDecisionAsync(Filled("AAPL", OrderSide.Sell, 1), CancellationToken.None);
        await beta.Journal.RecordDecisionAsync(Filled("SPY", OrderSide.Buy, 2), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_decisions_page_shows_this_agent_then_another_read_only_then_all_with_their_names()
    {
        await using var ctx = Context();
        var cut = ctx.Render<DecisionsPage>();
        cut.WaitForAssertion(() => Assert.Equal(["AAPL"], Symbols(cut)), PageContext.Wait);
        Assert.Empty(cut.FindAll("[data-testid=agent-readonly]"));
        Assert.Empty(cut.FindAll("[data-testid=decision-agent]"));

        await Pick(cut.FindComponent<AgentPicker>(), "beta");
        cut.WaitForAssertion(() => Assert.Equal(["SPY", "AAPL"], Symbols(cut)), PageContext.Wait);
        Assert.Contains("Agent beta", cut.Find("[data-testid=agent-readonly]").TextContent, StringComparison.Ordinal);

        await Pick(cut.FindComponent<AgentPicker>(), AgentOptions.All);
        cut.WaitForAssertion(() => Assert.Equal(["SPY", "AAPL", "AAPL"], Symbols(cut)), PageContext.Wait);
        Assert.Equal(["beta", "beta", "default"], cut.FindAll("[data-testid=decision-agent]").Select(c => c.TextContent.Trim()));
        Assert.Equal("3 decisions", cut.Find("[data-testid=decisions-total]").TextContent.Trim());
    }

    [Fact]
    public async Task The_decisions_page_opens_on_the_agent_of_its_query()
    {
        await using var ctx = Context();

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("agent", "beta"));

        var cut = ctx.Render<DecisionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["SPY", "AAPL"], Symbols(cut)), PageContext.Wait);
        Assert.Contains("Agent beta", cut.Find("[data-testid=agent-readonly]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trades_page_shows_another_agents_fills_and_all_agents_with_names_never_pairing_two_agents_trades()
    {
        await using var ctx = Context();
        var cut = ctx.Render<TradesPage>();
        cut.WaitForElement("[data-testid=circuit-ready]", PageContext.Wait);
        Assert.Single(cut.FindAll("[data-testid=fill-row]"));

        await Pick(cut.FindComponent<AgentPicker>(), "beta");
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=fill-row]").Count), PageContext.Wait);
        Assert.Contains("Agent beta", cut.Find("[data-testid=agent-readonly]").TextContent, StringComparison.Ordinal);

        await Pick(cut.FindComponent<AgentPicker>(), AgentOptions.All);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=fill-row]").Count), PageContext.Wait);
        Assert.Equal(["beta", "beta", "default"], cut.FindAll("[data-testid=fill-agent]").Select(c => c.TextContent.Trim()));
        // beta's sell of AAPL does not close this agent's buy: no round trip, three open lots (two AAPL, one SPY).
        Assert.Empty(cut.FindAll("[data-testid=round-trip-row]"));
        Assert.Contains("3 lot(s) still open", cut.Find("[data-testid=open-lots]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/api/export/trades?format=csv&agent=all", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    private BunitContext Context() => PageContext.Create(_database.Journal, services =>
    {
        services.AddSingleton(_database.Get<AgentIdentity>());
        services.AddSingleton(_database.Get<EfDecisionJournal>());
        services.AddSingleton(_database.Get<EfLlmInteractionStore>());
        services.AddSingleton(_database.Get<EfAlertStore>());
        services.AddSingleton(_database.Get<IAgentDirectory>());
    });

    private static Task Pick(IRenderedComponent<AgentPicker> picker, string agent) =>
        picker.InvokeAsync(() => picker.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(agent));

    private static string[] Symbols(IRenderedComponent<DecisionsPage> cut) =>
        [.. cut.FindAll("[data-testid=decision-link]").Select(a => a.TextContent.Trim())];

    private static DecisionRecord Filled(string symbol, OrderSide side, int minute)
    {
        var time = JournalData.MarketOpen.AddMinutes(minute);
        var decision = JournalData.Decision(symbol, time: time.AddSeconds(2), barTime: time, withOrder: true, status: OrderStatus.Filled,
            fills: [new Fill(time.AddSeconds(30), 10m, 100m, 0m)]);
        return decision with
        {
            Action = side == OrderSide.Buy ? TradeAction.Buy : TradeAction.Sell,
            Order = decision.Order! with { Side = side },
        };
    }
}
