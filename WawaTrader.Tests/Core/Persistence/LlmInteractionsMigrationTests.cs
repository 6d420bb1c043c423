using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>A journal written before the model arrived (schema InitialCreate, with rows) upgrades in place. SQLite only: those older
/// schemas exist only as SQLite files; PostgreSQL arrived with the whole schema in one migration.</summary>
public sealed class LlmInteractionsMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Guid OldDecision = Guid.Parse("0f8e3a52-7c1b-4d7e-9d55-2f6a0c4b9e11");

    [Fact]
    public async Task Upgrading_a_journal_with_rows_keeps_them_and_reads_them_without_model_data()
    {
        await using var database = await CreateAtInitialCreateWithRowsAsync();

        await database.Initializer.MigrateAsync(None);

        var old = await database.Journal.GetDecisionAsync(OldDecision, None);
        Assert.NotNull(old);
        Assert.Equal(("SPY", TradeAction.Buy, 71.5, 512.37), (old.Symbol, old.Action, old.Confidence, old.Indicators.Close));
        Assert.Equal(new DateTime(2024, 3, 15, 13, 30, 0, DateTimeKind.Utc), old.BarTime);
        Assert.Equal(17m, old.Order!.Quantity);
        Assert.Null(old.Technical);
        Assert.Null(old.Interaction);
    }

    [Fact]
    public async Task Upgrading_applies_every_migration_and_the_old_rows_serve_as_later_closes()
    {
        await using var database = await CreateAtInitialCreateWithRowsAsync();

        await database.Initializer.MigrateAsync(None);

        await using (var context = database.CreateContext())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        }
        var closes = await database.LlmStore.GetClosesAfterAsync(new Dictionary<string, DateTime> { ["SPY"] = JournalData.MarketOpen.AddMinutes(-1) }, None);
        Assert.Equal(new[] { new BarClose(JournalData.MarketOpen, 512.37) }, closes["SPY"]);
    }

    [Fact]
    public async Task After_upgrading_a_decision_with_an_interaction_can_be_recorded_beside_the_old_rows()
    {
        await using var database = await CreateAtInitialCreateWithRowsAsync();
        await database.Initializer.MigrateAsync(None);
        var decision = JournalData.Decision(time: JournalData.MarketOpen.AddMinutes(5)).WithModel();

        await database.Journal.RecordDecisionAsync(decision, None);

        var all = await database.Journal.GetDecisionsAsync(null, 10, None);
        Assert.Equal([decision.Id, OldDecision], all.Select(d => d.Id));
        Assert.Equal(decision.Interaction, all[0].Interaction);
    }

    private static async Task<TempDatabase> CreateAtInitialCreateWithRowsAsync()
    {
        var database = new TempDatabase();
        Directory.CreateDirectory(database.Folder);
        await using (var context = database.CreateContext())
        {
            await context.GetService<IMigrator>().MigrateAsync("InitialCreate", None);
            Assert.Equal(["20261126032423_InitialCreate"], await context.Database.GetAppliedMigrationsAsync());
        }
        var indicators = PersistenceJson.Serialize(JournalData.Snapshot(JournalData.MarketOpen));
        var checks = PersistenceJson.Serialize(JournalData.Checks());
        await database.ScalarAsync($"""
            INSERT INTO decisions (id, time, bar_time, symbol, action, confidence, source, approved, reasoning, indicators_json, risk_checks_json)
            VALUES ('{OldDecision.ToString().ToUpperInvariant()}', '2024-03-15 13:30:02', '2024-03-15 13:30:00', 'SPY', 'Buy', 71.5, 'Technical', 1,
                    'RSI crossed 30 upwards', '{indicators}', '{checks}');
            INSERT INTO orders (client_order_id, decision_id, symbol, side, quantity, status, submitted_at, bar_time)
            VALUES ('wt-old', '{OldDecision.ToString().ToUpperInvariant()}', 'SPY', 'Buy', '17.0', 'Filled', '2024-03-15 13:30:02', '2024-03-15 13:30:00');
            INSERT INTO fills (client_order_id, time, quantity, price, commission)
            VALUES ('wt-old', '2024-03-15 13:30:03', '17.0', '512.40', '0.0');
            """);
        return database;
    }
}
