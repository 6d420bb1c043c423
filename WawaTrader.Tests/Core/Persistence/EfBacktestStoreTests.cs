using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Persistence;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfBacktestStoreTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfBacktestStoreTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfBacktestStoreTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime T0 = new(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc);

    internal static EfBacktestStore Store(TempDatabase database) =>
        new(new ContextFactory(database));

    [Fact]
    public async Task A_completed_run_reads_back_with_settings_metrics_equity_trades_and_warnings()
    {
        await using var database = await CreateMigratedAsync();
        var run = BacktestResults.Completed(created: T0);

        await Store(database).SaveAsync(run, None);
        var back = await Store(database).GetAsync(run.Id, None);

        Assert.NotNull(back);
        Assert.Equal(run.Id, back.Id);
        Assert.Equal(run.Created, back.Created);
        Assert.Equal(DateTimeKind.Utc, back.Created.Kind);
        Assert.Equal(run.Finished, back.Finished);
        Assert.Equal(BacktestStatus.Completed, back.Status);
        Assert.Equal(run.Settings.Symbols, back.Settings.Symbols);
        Assert.Equal(run.Settings.Sources, back.Settings.Sources);
        Assert.Equal(run.Settings.Parameters, back.Settings.Parameters);
        Assert.Equal(run.Settings.Costs, back.Settings.Costs);
        Assert.Equal(run.Settings.From, back.Settings.From);
        Assert.Equal(run.Result!.Metrics, back.Result!.Metrics);
        Assert.Equal(run.Result.Benchmark, back.Result.Benchmark);
        Assert.Equal(run.Result.Equity, back.Result.Equity);
        Assert.Equal(run.Result.BenchmarkEquity, back.Result.BenchmarkEquity);
        Assert.Equal(run.Result.Trades, back.Result.Trades);
        Assert.Equal(run.Result.Warnings, back.Result.Warnings);
        Assert.All(back.Result.Equity, p => Assert.Equal(DateTimeKind.Utc, p.Date.Kind));
    }

    [Fact]
    public async Task Saving_again_updates_status_and_adds_the_result()
    {
        await using var database = await CreateMigratedAsync();
        var store = Store(database);
        var queued = new BacktestRun(Guid.NewGuid(), T0, BacktestStatus.Queued, 0, BacktestResults.Settings());
        await store.SaveAsync(queued, None);
        Assert.Null((await store.GetAsync(queued.Id, None))!.Result);

        await store.SaveAsync(queued with { Status = BacktestStatus.Running, Progress = 0.5 }, None);
        Assert.Equal(0.5, (await store.GetAsync(queued.Id, None))!.Progress);
        var result = BacktestResults.Make(0.01, 0.02);
        await store.SaveAsync(queued with { Status = BacktestStatus.Completed, Progress = 1, Result = result, Finished = T0.AddSeconds(2) }, None);

        var back = await store.GetAsync(queued.Id, None);
        Assert.Equal(BacktestStatus.Completed, back!.Status);
        Assert.Equal(result.Equity, back.Result!.Equity);
        Assert.Single(await store.ListAsync(10, None));
    }

    [Fact]
    public async Task Unknown_id_is_null()
    {
        await using var database = await CreateMigratedAsync();

        Assert.Null(await Store(database).GetAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task List_is_newest_first_limited_with_metrics_only_for_completed_runs()
    {
        await using var database = await CreateMigratedAsync();
        var store = Store(database);
        var old = BacktestResults.Completed(created: T0);
        var failed = new BacktestRun(Guid.NewGuid(), T0.AddMinutes(1), BacktestStatus.Failed, 0.3, BacktestResults.Settings("QQQ"), Error: "boom");
        var newest = BacktestResults.Completed(created: T0.AddMinutes(2));
        foreach (var run in new[] { old, failed, newest }) await store.SaveAsync(run, None);

        var two = await store.ListAsync(2, None);

        Assert.Equal([newest.Id, failed.Id], two.Select(r => r.Id));
        Assert.Equal(newest.Result!.Metrics, two[0].Metrics);
        Assert.Null(two[1].Metrics);
        Assert.Equal("boom", two[1].Error);
        Assert.Equal(["QQQ"], two[1].Settings.Symbols);
    }

    [Fact]
    public async Task Unfinished_runs_are_marked_failed_and_finished_ones_left_alone()
    {
        await using var database = await CreateMigratedAsync();
        var store = Store(database);
        var running = new BacktestRun(Guid.NewGuid(), T0, BacktestStatus.Running, 0.4, BacktestResults.Settings());
        var queued = new BacktestRun(Guid.NewGuid(), T0, BacktestStatus.Queued, 0, BacktestResults.Settings());
        var done = BacktestResults.Completed(created: T0);
        foreach (var run in new[] { running, queued, done }) await store.SaveAsync(run, None);

        var marked = await store.FailUnfinishedAsync("interrupted", T0.AddHours(1), None);

        Assert.Equal(2, marked);
        var back = await store.GetAsync(running.Id, None);
        Assert.Equal(BacktestStatus.Failed, back!.Status);
        Assert.Equal("interrupted", back.Error);
        Assert.Equal(T0.AddHours(1), back.Finished);
        Assert.Equal(BacktestStatus.Completed, (await store.GetAsync(done.Id, None))!.Status);
    }

    private sealed class ContextFactory(TempDatabase database) : Microsoft.EntityFrameworkCore.IDbContextFactory<TradingDbContext>
    {
        public TradingDbContext CreateDbContext() => database.CreateContext();
    }
}
