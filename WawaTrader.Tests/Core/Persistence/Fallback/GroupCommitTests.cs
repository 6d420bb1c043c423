using Microsoft.Data.Sqlite;
using WawaTrader.Core.Persistence.Fallback;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence.Fallback;

/// <summary>The journal's group commit on a real SQLite file: records given while the database is busy share one transaction,
/// keep their order, and a record the database refuses fails only its own writer.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Records_queued_while_a_batch_waits_for_the_database_share_one_transaction_and_keep_their_order()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var decisions = Enumerable.Range(0, 100).Select(i => JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(i)).WithModel()).ToList();
        database.Commands.Reset();

        await WhileWriteLockedAsync(database, () => decisions.Select(d => database.Journal.RecordDecisionAsync(d, CancellationToken.None)).ToList());

        var inserts = database.Commands.TransactionsInserting("decisions");
        Assert.InRange(inserts, 1, 2); // the first batch (what was queued when it started), then all the rest at once
        var stored = await database.Journal.GetDecisionsAsync(null, 1000, CancellationToken.None);
        Assert.Equal(decisions.Select(d => d.Id), stored.Select(d => d.Id).Reverse());
        Assert.All(stored, d => Assert.NotNull(d.Interaction));
    }

    [Fact]
    public async Task A_record_the_database_refuses_fails_only_its_own_writer_and_the_rest_of_its_batch_is_kept()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var existing = JournalData.Decision().WithModel();
        await database.Journal.RecordDecisionAsync(existing, CancellationToken.None);
        var fine = Enumerable.Range(1, 10).Select(i => JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(i))).ToList();
        var clash = JournalData.Decision(barTime: JournalData.MarketOpen.AddMinutes(5));
        clash = clash with { Interaction = existing.Interaction! with { DecisionId = clash.Id } }; // an interaction id already stored
        var given = fine.Take(5).Append(clash).Concat(fine.Skip(5)).ToList();

        var writes = await WhileWriteLockedAsync(database, () => given.Select(d => database.Journal.RecordDecisionAsync(d, CancellationToken.None)).ToList(),
            awaitAll: false);

        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] == clash) await Assert.ThrowsAnyAsync<Exception>(() => writes[i]);
            else await writes[i];
        }
        var stored = await database.Journal.GetDecisionsAsync(null, 1000, CancellationToken.None);
        Assert.Equal(fine.Select(d => d.Id).Prepend(existing.Id), stored.Select(d => d.Id).Reverse());
        Assert.Equal(JournalState.Database, database.Durable.State);
        Assert.Equal(0, database.Durable.Pending);
    }

    /// <summary>Holds SQLite's write lock from another connection while <paramref name="write"/> queues its records (so the first
    /// batch waits and the rest queue behind it), then lets go and waits for them.</summary>
    private static async Task<List<Task>> WhileWriteLockedAsync(TempDatabase database, Func<List<Task>> write, bool awaitAll = true)
    {
        List<Task> writes;
        await using (var blocker = new SqliteConnection(database.Connections.ConnectionString))
        {
            await blocker.OpenAsync();
            using var transaction = blocker.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock
            writes = write();
            transaction.Commit();
        }
        if (awaitAll) await Task.WhenAll(writes);
        else await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        return writes;
    }
}
