using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WawaTrader.Core.Configuration;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>A journal written before backtests were stored (schema Settings, with rows) upgrades in place. SQLite only: those older
/// schemas exist only as SQLite files; PostgreSQL arrived with the whole schema in one migration.</summary>
public sealed class EfBacktestStoreMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upgrading_a_journal_with_rows_keeps_them_and_adds_an_empty_backtests_table()
    {
        await using var database = new TempDatabase();
        Directory.CreateDirectory(database.Folder);
        await using (var context = database.CreateContext())
        {
            await context.GetService<IMigrator>().MigrateAsync("Settings", None);
        }
        var decision = JournalData.Decision(time: JournalData.MarketOpen.AddMinutes(1));
        await JournalData.RecordOnOldSchemaAsync(database, decision);
        await database.ScalarAsync("INSERT INTO settings (category, key, value) VALUES ('Risk', 'MinConfidence', '60')"); // the schema of then

        await database.Initializer.MigrateAsync(None);

        await using (var context = database.CreateContext())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.Contains(await context.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Backtests", StringComparison.Ordinal));
        }
        Assert.Equal(decision.Id, (await database.Journal.GetDecisionAsync(decision.Id, None))!.Id);
        Assert.Single(await EfSettingsStoreTests.Store(database).GetAllAsync(None));
        var store = EfBacktestStoreTests.Store(database);
        Assert.Empty(await store.ListAsync(10, None));
        var run = BacktestResults.Completed();
        await store.SaveAsync(run, None);
        Assert.Equal(run.Result!.Trades, (await store.GetAsync(run.Id, None))!.Result!.Trades);
    }
}
