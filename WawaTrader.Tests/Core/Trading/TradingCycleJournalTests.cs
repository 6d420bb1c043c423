using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>The cycle over the real journal (SQLite behind the fallback journal's group commit): decisions without an order are
/// queued and written together, and an order is sent only once its decision — and every decision before it — is in the database.</summary>
public sealed class TradingCycleJournalTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as the live agent runs: the Holds after the order are kept behind the cycle
    public async Task An_order_is_sent_only_after_its_decision_and_the_decisions_queued_before_it_are_in_the_database(bool recordsBehind)
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var symbols = new[] { "AAA", "BBB", "CCC", "DDD", "EEE", "NVDA", "FFF", "GGG" };
        var h = new CycleHarness(database.Journal, new ScriptedAnalyst().Propose("NVDA", TradeAction.Buy, 80), symbols) { RecordsBehind = recordsBehind };
        h.Restart();
        foreach (var symbol in symbols) h.ServeHistory(symbol);
        var inDatabaseAtSubmit = new List<Guid>();
        h.Broker.BeforeSubmit = async () =>
            inDatabaseAtSubmit.AddRange((await database.Journal.GetDecisionsAsync(null, 100, CancellationToken.None)).Select(d => d.Id));

        var result = await h.RunAsync();
        await h.Cycle.RecordsKeptAsync(CancellationToken.None);

        Assert.Equal(new CycleResult(8, 1, 0), result);
        var stored = (await database.Journal.GetDecisionsAsync(null, 100, CancellationToken.None)).Reverse().ToList(); // oldest first
        Assert.Equal(symbols, stored.Select(d => d.Symbol)); // in the order decided
        Assert.Equal(stored.Take(6).Select(d => d.Id).Order(), inDatabaseAtSubmit.Order()); // NVDA and the five Holds before it
        var (_, inJournal) = Assert.Single(h.Broker.Submissions);
        Assert.Equal(OrderStatus.New, inJournal!.Status); // the order row was committed with its decision
        Assert.Equal(symbols, h.EventsOf<DecisionMade>().Select(e => e.Decision.Symbol)); // published in order, once kept
    }

    [Fact]
    public async Task A_cycle_of_holds_counts_each_decision_once_it_is_kept()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var symbols = Enumerable.Range(0, 40).Select(i => $"S{i:00}").ToArray();
        var h = new CycleHarness(database.Journal, new ScriptedAnalyst(), symbols);
        foreach (var symbol in symbols) h.ServeHistory(symbol);

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(40, 0, 0), result);
        Assert.Equal(40, (await database.Journal.QueryDecisionsAsync(new DecisionQuery(), CancellationToken.None)).TotalCount);
        Assert.Equal(40, h.EventsOf<DecisionMade>().Count);
    }

    [Fact]
    public async Task Holds_kept_behind_the_cycle_are_published_only_once_they_are_in_the_database_and_in_order()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var symbols = Enumerable.Range(0, 20).Select(i => $"S{i:00}").ToArray();
        var h = new CycleHarness(database.Journal, new ScriptedAnalyst(), symbols) { RecordsBehind = true };
        h.Restart();
        foreach (var symbol in symbols) h.ServeHistory(symbol);
        await using var writer = await HoldWriteLockAsync(database); // another writer: the journal's commit waits (within its busy timeout)

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(20, 0, 0), result); // decided and queued: the cycle did not wait for them
        await Eventually.SettleAsync();
        Assert.Empty(h.EventsOf<DecisionMade>()); // nothing shown before it is kept
        Assert.Empty(await database.Journal.GetDecisionsAsync(null, 100, CancellationToken.None));

        await writer.DisposeAsync(); // the other writer rolls back and lets go
        await h.Cycle.RecordsKeptAsync(CancellationToken.None);

        Assert.Equal(symbols, h.EventsOf<DecisionMade>().Select(e => e.Decision.Symbol));
        var stored = (await database.Journal.GetDecisionsAsync(null, 100, CancellationToken.None)).Reverse().Select(d => d.Symbol);
        Assert.Equal(symbols, stored);
        Assert.Single(await database.Journal.GetSnapshotsAsync(null, 10, CancellationToken.None)); // the cycle's snapshot, kept after them
    }

    [Fact]
    public async Task A_cycle_starts_only_once_the_records_the_previous_one_left_behind_are_kept()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var symbols = new[] { "AAA", "BBB", "CCC" };
        var h = new CycleHarness(database.Journal, new ScriptedAnalyst(), symbols) { RecordsBehind = true };
        h.Restart();
        foreach (var symbol in symbols) h.ServeHistory(symbol);
        await using var writer = await HoldWriteLockAsync(database);
        await h.RunAsync();
        foreach (var symbol in symbols) h.Market.PublishNext(symbol, 100, 100);

        var second = h.RunAsync();
        await Eventually.SettleAsync();
        Assert.False(second.IsCompleted); // backpressure: at most one cycle's records in flight

        await writer.DisposeAsync();
        Assert.Equal(new CycleResult(3, 0, 0), await second);
        await h.Cycle.RecordsKeptAsync(CancellationToken.None);
        Assert.Equal([.. symbols, .. symbols], h.EventsOf<DecisionMade>().Select(e => e.Decision.Symbol)); // the first cycle's first
    }

    /// <summary>Another writer holding the database's write lock (an immediate transaction) until it is disposed (rolled back).
    /// Released well within the journal's busy timeout, so the journal's commit waits rather than failing over to the file.</summary>
    private static async Task<WriteLock> HoldWriteLockAsync(TempDatabase database)
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return new WriteLock(connection, connection.BeginTransaction(deferred: false));
    }

    private sealed class WriteLock(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction) : IAsyncDisposable
    {
        private bool _released;

        public async ValueTask DisposeAsync()
        {
            if (_released) return;
            _released = true;
            await transaction.DisposeAsync(); // rolls back: the lock is let go
            await connection.DisposeAsync();
        }
    }
}
