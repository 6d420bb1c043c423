using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>A journal written before the bar cache (schema Backtests, with rows) upgrades in place. SQLite only: those older
/// schemas exist only as SQLite files; PostgreSQL arrived with the whole schema in one migration.</summary>
public sealed class BarCacheMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upgrading_a_journal_with_rows_keeps_them_and_adds_an_empty_bars_table()
    {
        await using var database = new TempDatabase();
        Directory.CreateDirectory(database.Folder);
        await using (var context = database.CreateContext())
        {
            await context.GetService<IMigrator>().MigrateAsync("Backtests", None);
        }
        var decision = JournalData.Decision(time: JournalData.MarketOpen.AddMinutes(1));
        await JournalData.RecordOnOldSchemaAsync(database, decision);
        var run = BacktestResults.Completed();
        await EfBacktestStoreTests.Store(database).SaveAsync(run, None);
        Assert.Equal(0L, await database.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'bars'"));

        await database.Initializer.MigrateAsync(None);

        await using (var context = database.CreateContext())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.Contains(await context.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_BarCache", StringComparison.Ordinal));
        }
        Assert.Equal(decision.Id, (await database.Journal.GetDecisionAsync(decision.Id, None))!.Id);
        Assert.Equal(run.Id, (await EfBacktestStoreTests.Store(database).GetAsync(run.Id, None))!.Id);
        var cache = EfBarCacheTests.Cache(database);
        Assert.Empty(await cache.ListAsync(None));
        var bars = Bars.Trending(0.1, 10);
        await cache.UpsertAsync("SPY", bars, None);
        Assert.Equal(bars, await cache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, None));
    }

    [Fact]
    public async Task The_bars_key_is_symbol_then_time()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();

        var sql = (string)(await database.ScalarAsync("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'bars'"))!;

        Assert.Contains("PRIMARY KEY (\"symbol\", \"time\")", sql, StringComparison.Ordinal);
    }
}
