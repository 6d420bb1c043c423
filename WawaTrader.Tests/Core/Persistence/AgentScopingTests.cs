using WawaTrader.Core.Brokers;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Risk;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>Two agents on one database: each store writes its agent's name and reads its agent's rows only.</summary>
public abstract class AgentScopingTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : AgentScopingTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : AgentScopingTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Fill Filled = new(JournalData.MarketOpen.AddMinutes(1), 17m, 101.5m, 1m);

    [Fact]
    public async Task Each_agent_sees_only_its_own_decisions_orders_fills_and_snapshots()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = database.AsAgent("alpha");
        var beta = database.AsAgent("beta");
        var mine = JournalData.Decision("AAPL", withOrder: true, status: OrderStatus.Accepted);
        var theirs = JournalData.Decision("SPY", withOrder: true, status: OrderStatus.Accepted);
        await alpha.Journal.RecordDecisionAsync(mine, None);
        await beta.Journal.RecordDecisionAsync(theirs, None);
        await beta.Journal.UpdateOrderAsync(theirs.Order! with { Status = OrderStatus.PartiallyFilled, Fills = [Filled] }, None);
        await beta.Journal.RecordSnapshotAsync(new PerformanceSnapshot(JournalData.MarketOpen, JournalData.MarketOpen, 1m, 2m, 0m, 0m), None);

        Assert.Equal([mine.Id], (await alpha.Journal.GetDecisionsAsync(null, 100, None)).Select(d => d.Id));
        Assert.Equal([mine.Order!.ClientOrderId], (await alpha.Journal.GetOpenOrdersAsync(None)).Select(o => o.ClientOrderId));
        Assert.Empty(await alpha.Journal.GetTradesAsync(100, None));
        Assert.Empty(await alpha.Journal.GetSnapshotsAsync(null, 100, None));
        Assert.Null(await alpha.Journal.GetDecisionAsync(theirs.Id, None));
        Assert.Equal(1, await alpha.Journal.CountOrdersSinceAsync(JournalData.MarketOpen.AddHours(-1), None));
        Assert.Equal(1, (await alpha.Journal.QueryDecisionsAsync(new DecisionQuery(), None)).TotalCount);
        Assert.Equal(["SPY"], (await beta.Journal.GetTradesAsync(100, None)).Select(t => t.Symbol));
        Assert.Single(await beta.Journal.GetSnapshotsAsync(null, 100, None));
        Assert.Empty(await database.Journal.GetDecisionsAsync(null, 100, None)); // the 'default' agent has none
    }

    [Fact]
    public async Task Every_row_an_agent_writes_carries_its_name()
    {
        await using var database = await CreateMigratedAsync();
        var beta = database.AsAgent("beta");
        var decision = JournalData.Decision("SPY", withOrder: true, status: OrderStatus.Filled, fills: [Filled]);
        await beta.Journal.RecordDecisionAsync(decision, None);
        await beta.Journal.RecordSnapshotAsync(new PerformanceSnapshot(JournalData.MarketOpen, JournalData.MarketOpen, 1m, 2m, 0m, 0m), None);
        await beta.Ledger.SaveAsync(new PaperLedger(1m, 0m, [], [], new Dictionary<string, PaperMark>()), None);

        foreach (var table in new[] { "decisions", "orders", "fills", "performance_snapshots", "paper_ledger" })
        {
            Assert.Equal("beta", await database.ScalarAsync($"SELECT min(agent) FROM {table}"));
            Assert.Equal("beta", await database.ScalarAsync($"SELECT max(agent) FROM {table}"));
        }
    }

    [Fact]
    public async Task Each_agent_keeps_its_own_paper_account()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = database.AsAgent("alpha");
        var beta = database.AsAgent("beta");
        await alpha.Ledger.SaveAsync(new PaperLedger(90_000m, 5m, [], [], new Dictionary<string, PaperMark>()), None);

        Assert.Null(await beta.Ledger.LoadAsync(None));
        await beta.Ledger.SaveAsync(new PaperLedger(50_000m, 0m, [], [], new Dictionary<string, PaperMark>()), None);

        Assert.Equal(90_000m, (await alpha.Ledger.LoadAsync(None))!.Cash);
        Assert.Equal(50_000m, (await beta.Ledger.LoadAsync(None))!.Cash);
        Assert.Equal(2L, Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM paper_ledger"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Each_agent_keeps_its_own_settings_and_their_history()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = database.AsAgent("alpha");
        var beta = database.AsAgent("beta");
        var change = new SettingChangeDraft(JournalData.MarketOpen, "Risk", "MaxPositionPct", "10", "20", SettingSource.Api, null);
        await alpha.Settings.SaveAsync([new StoredSetting("Risk", "MaxPositionPct", "20")], [change], None);
        await beta.Settings.SaveAsync([new StoredSetting("Risk", "MaxPositionPct", "5")], [change with { NewValue = "5" }], None);

        Assert.Equal("20", Assert.Single(await alpha.Settings.GetAllAsync(None)).Value);
        Assert.Equal("5", Assert.Single(await beta.Settings.GetAllAsync(None)).Value);
        Assert.Equal("20", Assert.Single(await alpha.Settings.GetHistoryAsync(null, 10, None)).NewValue);
        var betaChange = Assert.Single(await beta.Settings.GetHistoryAsync("Risk", 10, None));
        Assert.Null(await alpha.Settings.GetChangeAsync(betaChange.Id, None));
        Assert.Empty(await database.Settings.GetAllAsync(None));
    }

    [Fact]
    public async Task The_resume_point_counts_only_the_agents_own_decisions()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = database.AsAgent("alpha");
        var beta = database.AsAgent("beta");
        await beta.Journal.RecordDecisionAsync(JournalData.Decision("SPY", barTime: JournalData.MarketOpen.AddDays(3)), None);
        await alpha.Journal.RecordDecisionAsync(JournalData.Decision("SPY", barTime: JournalData.MarketOpen), None);

        Assert.Equal(JournalData.MarketOpen, (await alpha.ResumePoints.LoadAsync(None)).LastBarTime);
    }

    [Fact]
    public async Task A_view_of_all_agents_reads_every_agents_rows_and_a_view_of_an_unknown_agent_none()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = database.AsAgent("alpha");
        await alpha.Journal.RecordDecisionAsync(JournalData.Decision("AAPL"), None);
        await database.AsAgent("beta").Journal.RecordDecisionAsync(JournalData.Decision("SPY"), None);
        var journal = alpha.Get<EfDecisionJournal>();

        Assert.Equal(["AAPL", "SPY"], (await journal.ForAgent(null).GetDecisionsAsync(null, 100, None)).Select(d => d.Symbol).Order());
        Assert.Equal(["SPY"], (await journal.ForAgent("beta").GetDecisionsAsync(null, 100, None)).Select(d => d.Symbol));
        Assert.Empty(await journal.ForAgent("nobody").GetDecisionsAsync(null, 100, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.ForAgent("beta").RecordDecisionAsync(JournalData.Decision(), None));
    }

    [Fact]
    public async Task The_pruner_of_one_agent_leaves_another_agents_rows_alone()
    {
        await using var database = await CreateMigratedAsync();
        var alpha = database.AsAgent("alpha");
        var beta = database.AsAgent("beta");
        var old = alpha.Time.GetUtcNow().UtcDateTime.AddYears(-2);
        await alpha.Journal.RecordDecisionAsync(JournalData.Decision("AAPL", time: old), None);
        await beta.Journal.RecordDecisionAsync(JournalData.Decision("SPY", time: old), None);
        var pruner = new JournalPruner(alpha.Contexts, new WawaTrader.Core.Agents.AgentIdentity("alpha"),
            new TestOptionsMonitor<RetentionOptions>(new RetentionOptions { DecisionsDays = 30 }), alpha.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<JournalPruner>.Instance);

        Assert.Equal((1, 0), await pruner.PruneAsync(None));
        Assert.Single(await beta.Journal.GetDecisionsAsync(null, 100, None));
    }
}
