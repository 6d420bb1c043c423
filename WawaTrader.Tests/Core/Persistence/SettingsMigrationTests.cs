using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>A journal written before settings were stored (schema LlmInteractions, with rows) upgrades in place. SQLite only: those older
/// schemas exist only as SQLite files; PostgreSQL arrived with the whole schema in one migration.</summary>
public sealed class SettingsMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upgrading_a_journal_with_rows_keeps_them_and_adds_empty_settings_tables()
    {
        await using var database = new TempDatabase();
        Directory.CreateDirectory(database.Folder);
        await using (var context = database.CreateContext())
        {
            await context.GetService<IMigrator>().MigrateAsync("LlmInteractions", None);
        }
        var decision = JournalData.Decision(time: JournalData.MarketOpen.AddMinutes(1));
        await JournalData.RecordOnOldSchemaAsync(database, decision);

        await database.Initializer.MigrateAsync(None);

        await using (var context = database.CreateContext())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.Contains(await context.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Settings", StringComparison.Ordinal));
        }
        Assert.Equal(decision.Id, (await database.Journal.GetDecisionAsync(decision.Id, None))!.Id);
        var store = EfSettingsStoreTests.Store(database);
        Assert.Empty(await store.GetAllAsync(None));
        await store.SaveAsync([new StoredSetting("Risk", "MinConfidence", "60")], [], None);
        Assert.Single(await store.GetAllAsync(None));
    }
}
