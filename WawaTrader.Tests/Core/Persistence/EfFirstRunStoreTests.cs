using WawaTrader.Core.FirstRun;
using WawaTrader.Core.Persistence;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfFirstRunStoreTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfFirstRunStoreTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfFirstRunStoreTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    private static EfFirstRunStore Store(TempDatabase database) => new(database.Contexts, database.Time);

    [Fact]
    public async Task An_empty_database_shows_the_tour()
    {
        await using var database = await CreateMigratedAsync();

        var state = await Store(database).GetAsync(None);

        Assert.Equal(new FirstRunState(FreshDatabase: true, TourDismissedAt: null), state);
        Assert.True(state.ShowsTour);
    }

    [Fact]
    public async Task A_database_with_decisions_at_its_first_read_never_shows_the_tour()
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordDecisionAsync(JournalData.Decision(), None);

        var state = await Store(database).GetAsync(None);

        Assert.False(state.FreshDatabase);
        Assert.False(state.ShowsTour);
    }

    [Fact]
    public async Task A_database_with_a_backtest_at_its_first_read_never_shows_the_tour()
    {
        await using var database = await CreateMigratedAsync();
        await database.Backtests.SaveAsync(BacktestResults.Completed(), None);

        Assert.False((await Store(database).GetAsync(None)).ShowsTour);
    }

    [Fact]
    public async Task Freshness_is_judged_once_so_the_agents_first_decisions_keep_the_tour()
    {
        await using var database = await CreateMigratedAsync();
        await Store(database).GetAsync(None);
        await database.Journal.RecordDecisionAsync(JournalData.Decision(), None);

        Assert.True((await Store(database).GetAsync(None)).ShowsTour);
    }

    [Fact]
    public async Task Dismissal_is_stored_and_the_first_time_kept()
    {
        await using var database = await CreateMigratedAsync();
        var at = database.Time.GetUtcNow().UtcDateTime;

        await Store(database).DismissTourAsync(at, None);
        await Store(database).DismissTourAsync(at.AddHours(1), None);
        var state = await Store(database).GetAsync(None);

        Assert.Equal(at, state.TourDismissedAt);
        Assert.Equal(DateTimeKind.Utc, state.TourDismissedAt!.Value.Kind);
        Assert.False(state.ShowsTour);
    }
}
