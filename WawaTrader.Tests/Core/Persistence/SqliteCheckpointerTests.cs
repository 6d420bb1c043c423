using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Persistence;
using WawaTrader.Tests.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The WAL's checkpoints out of the commits, on a real SQLite file: while the checkpointer runs a commit leaves the pages in
/// the WAL and the checkpointer copies them into the file on its tick; once it stops, commits checkpoint again.</summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task While_it_runs_commits_leave_the_pages_in_the_wal_and_its_tick_copies_them_into_the_file()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var checkpointer = database.Get<SqliteCheckpointer>();
        await checkpointer.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => database.Connections.CheckpointsInBackground, "the checkpointer to start"); // on its own thread
        Assert.Equal(0L, await AutoCheckpointAsync(database));
        var fileBefore = new FileInfo(database.DatabasePath).Length;

        await RecordAsync(database, 5_000); // far more than 1,000 pages' worth would have checkpointed at commit

        Assert.Equal(fileBefore, new FileInfo(database.DatabasePath).Length); // every new page is still in the WAL only
        database.Time.Advance(SqliteCheckpointer.Every);
        await Eventually.UntilAsync(() => new FileInfo(database.DatabasePath).Length > fileBefore, "the background checkpoint");
        Assert.Equal(5_000, (await database.Journal.QueryDecisionsAsync(new(), CancellationToken.None)).TotalCount);

        await checkpointer.StopAsync(CancellationToken.None);
        Assert.Equal(1000L, await AutoCheckpointAsync(database)); // SQLite's default again
    }

    [Fact]
    public async Task Without_it_commits_checkpoint_as_sqlite_does_by_default()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();

        Assert.Equal(1000L, await AutoCheckpointAsync(database));
    }

    /// <summary>Records <paramref name="count"/> decisions with their risk checks, 500 at a time as a cycle gives them.</summary>
    private static async Task RecordAsync(TempDatabase database, int count)
    {
        for (var start = 0; start < count; start += 500)
        {
            var batch = Enumerable.Range(start, Math.Min(500, count - start))
                .Select(i => JournalData.Decision(symbol: $"S{i % 500:000}", time: JournalData.MarketOpen.AddSeconds(i)));
            await Task.WhenAll(batch.Select(d => database.Journal.RecordDecisionAsync(d, CancellationToken.None)));
        }
    }

    private static async Task<long> AutoCheckpointAsync(TempDatabase database)
    {
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
