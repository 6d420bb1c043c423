using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Web.Api;
using WawaTrader.Web.Components.Dashboard;

namespace WawaTrader.Tests.Web.Components.Dashboard;

/// <summary>The dashboard's read-only view of another agent, over a real SQLite journal that two agents share.</summary>
public sealed class AgentReadOnlyViewTests
{
    [Fact]
    public async Task Another_agents_view_shows_its_decisions_positions_from_fills_and_last_equity_only()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var beta = database.AsAgent("beta");
        var fill = new Fill(JournalData.MarketOpen.AddMinutes(1), 17m, 100m, 1m);
        await beta.Journal.RecordDecisionAsync(JournalData.Decision("SPY", withOrder: true, status: OrderStatus.Filled, fills: [fill]), CancellationToken.None);
        await beta.Journal.RecordSnapshotAsync(new PerformanceSnapshot(JournalData.MarketOpen, JournalData.MarketOpen, 98_299m, 100_012.5m, 1_700m, 0m), CancellationToken.None);
        await database.Journal.RecordDecisionAsync(JournalData.Decision("AAPL"), CancellationToken.None); // this process's own
        await using var ctx = Context(database);

        var cut = ctx.Render<AgentReadOnlyView>(p => p
            .Add(x => x.View, ctx.Services.GetRequiredService<AgentViews>().Resolve("beta")!)
            .Add(x => x.Self, AgentOptions.DefaultName));
        cut.WaitForState(() => cut.FindAll("[data-testid=decision-row]").Count > 0);

        Assert.Single(cut.FindAll("[data-testid=decision-row]"));
        Assert.Empty(cut.FindAll("[data-testid=decision-agent]")); // one agent's view needs no agent column
        Assert.Contains("SPY", cut.Find("[data-testid=latest-decisions]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("AAPL", cut.Find("[data-testid=latest-decisions]").TextContent, StringComparison.Ordinal);
        var position = Assert.Single(cut.FindAll("[data-testid=agent-view-position]"));
        Assert.Contains("SPY", position.TextContent, StringComparison.Ordinal);
        Assert.Contains("17", position.TextContent, StringComparison.Ordinal);
        Assert.Contains("100,012.50", cut.Find("[data-testid=agent-view-equity]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Agent beta", cut.Find("[data-testid=agent-readonly]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_all_agents_view_shows_every_agents_decisions()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        await database.AsAgent("beta").Journal.RecordDecisionAsync(JournalData.Decision("SPY"), CancellationToken.None);
        await database.Journal.RecordDecisionAsync(JournalData.Decision("AAPL"), CancellationToken.None);
        await using var ctx = Context(database);

        var cut = ctx.Render<AgentReadOnlyView>(p => p
            .Add(x => x.View, ctx.Services.GetRequiredService<AgentViews>().Resolve("all")!)
            .Add(x => x.Self, AgentOptions.DefaultName));
        cut.WaitForState(() => cut.FindAll("[data-testid=decision-row]").Count == 2);

        Assert.Contains("All agents", cut.Find("[data-testid=agent-readonly]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["beta", "default"], cut.FindAll("[data-testid=decision-agent]").Select(c => c.TextContent.Trim()).Order());
        Assert.Contains("Agent", cut.Find("[data-testid=decisions-table] thead").TextContent, StringComparison.Ordinal);
    }

    private static BunitContext Context(TempDatabase database)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddSingleton(database.Get<AgentIdentity>());
        ctx.Services.AddSingleton(database.Get<EfDecisionJournal>());
        ctx.Services.AddSingleton(database.Get<EfLlmInteractionStore>());
        ctx.Services.AddSingleton(database.Get<EfAlertStore>());
        ctx.Services.AddSingleton(database.Journal);
        ctx.Services.AddSingleton<AgentViews>();
        return ctx;
    }
}
