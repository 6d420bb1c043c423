using WawaTrader.Core.Agents;
using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfSettingsStoreTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfSettingsStoreTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfSettingsStoreTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime T0 = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Values_round_trip_update_in_place_and_a_null_value_deletes_the_row()
    {
        await using var database = await CreateMigratedAsync();
        var store = Store(database);

        await store.SaveAsync([new("Risk", "MaxPositionPct", "12"), new("Trading", "Watchlist", "[\"SPY\"]")], [], None);
        await store.SaveAsync([new("Risk", "MaxPositionPct", "15"), new("Trading", "Watchlist", null)], [], None);

        Assert.Equal([new StoredSetting("Risk", "MaxPositionPct", "15")], await store.GetAllAsync(None));
    }

    [Fact]
    public async Task History_gets_ids_in_order_and_reads_newest_first_filtered_by_category()
    {
        await using var database = await CreateMigratedAsync();
        var store = Store(database);

        var first = await store.SaveAsync([], [Draft("Risk", "MaxPositionPct", "10", "12"), Draft("Llm", "Model", "a", "b")], None);
        var second = await store.SaveAsync([], [Draft("Risk", "MaxPositionPct", "12", "10", SettingSource.Revert, first[0].Id)], None);

        Assert.True(first[0].Id < first[1].Id && first[1].Id < second[0].Id);
        var risk = await store.GetHistoryAsync("risk", 10, None);
        Assert.Equal([second[0].Id, first[0].Id], risk.Select(c => c.Id));
        Assert.Equal(new SettingChange(second[0].Id, T0, "Risk", "MaxPositionPct", "12", "10", SettingSource.Revert, first[0].Id), risk[0]);
        Assert.Single(await store.GetHistoryAsync(null, 1, None));
        Assert.Equal(first[1], await store.GetChangeAsync(first[1].Id, None));
        Assert.Null(await store.GetChangeAsync(12345, None));
    }

    [Fact]
    public async Task The_source_is_stored_by_name()
    {
        await using var database = await CreateMigratedAsync();

        await Store(database).SaveAsync([], [Draft("Risk", "MinConfidence", "70", "60", SettingSource.Ui)], None);

        Assert.Equal("Ui", await database.ScalarAsync("SELECT source FROM settings_history"));
    }

    [Fact]
    public async Task A_failed_save_writes_neither_values_nor_history()
    {
        await using var database = await CreateMigratedAsync();
        var store = Store(database);
        await database.ScalarAsync(Provider == TestProvider.Sqlite
            ? "CREATE TRIGGER no_llm BEFORE INSERT ON settings_history WHEN NEW.category = 'Llm' BEGIN SELECT RAISE(ABORT, 'refused'); END;"
            : "CREATE FUNCTION refuse_llm() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.category = 'Llm' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; " +
              "CREATE TRIGGER no_llm BEFORE INSERT ON settings_history FOR EACH ROW EXECUTE FUNCTION refuse_llm();");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
            store.SaveAsync([new("Llm", "Model", "x")], [Draft("Llm", "Model", "a", "x")], None));

        Assert.Empty(await store.GetAllAsync(None));
        Assert.Empty(await store.GetHistoryAsync(null, 10, None));
    }

    internal static EfSettingsStore Store(TempDatabase database, string agent = AgentOptions.DefaultName) => new(new Factory(database), new AgentIdentity(agent));

    private static SettingChangeDraft Draft(string category, string field, string? old, string? now, SettingSource source = SettingSource.Api, long? reverted = null) =>
        new(T0, category, field, old, now, source, reverted);

    private sealed class Factory(TempDatabase database) : IDbContextFactory<TradingDbContext>
    {
        public TradingDbContext CreateDbContext() => database.CreateContext();
    }
}
