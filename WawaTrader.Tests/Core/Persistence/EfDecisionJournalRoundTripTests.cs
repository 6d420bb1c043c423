using WawaTrader.Core.Brokers;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>
/// The agent writes a few decisions a second: a write is one transaction with no reads before it, a read is one query
/// (SQLite runs one statement per command, so a write's inserts are separate commands inside that transaction).
/// </summary>
public abstract class EfDecisionJournalRoundTripTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfDecisionJournalRoundTripTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfDecisionJournalRoundTripTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Recording_a_decision_with_its_order_and_fills_is_one_transaction_of_inserts_only()
    {
        await using var database = await CreateMigratedAsync();
        database.Commands.Reset();

        await database.Journal.RecordDecisionAsync(
            Decision(withOrder: true, fills: [new Fill(MarketOpen, 1m, 10m, 0m), new Fill(MarketOpen, 2m, 11m, 0m)]), None);

        Assert.Equal(4, database.Commands.Statements.Count); // decision, order, two fills
        Assert.All(database.Commands.Statements, sql => Assert.StartsWith("INSERT", sql.TrimStart(), StringComparison.OrdinalIgnoreCase));
        Assert.True(database.Commands.RanAsOneUnitOfWork);
    }

    [Fact]
    public async Task Listing_decisions_with_orders_and_fills_is_one_query()
    {
        await using var database = await CreateMigratedAsync();
        for (var i = 0; i < 5; i++)
        {
            await database.Journal.RecordDecisionAsync(
                Decision(time: MarketOpen.AddMinutes(i), withOrder: i % 2 == 0, fills: [new Fill(MarketOpen, 1m, 10m, 0m)]), None);
        }
        database.Commands.Reset();

        var decisions = await database.Journal.GetDecisionsAsync(null, 100, None);

        Assert.Equal(5, decisions.Count);
        Assert.Single(database.Commands.Commands);
    }

    [Fact]
    public async Task Concurrent_writers_all_get_their_decisions_recorded()
    {
        await using var database = await CreateMigratedAsync();
        var decisions = Enumerable.Range(0, 24)
            .Select(i => Decision($"S{i % 3}", time: MarketOpen.AddSeconds(i), withOrder: i % 2 == 0, fills: [new Fill(MarketOpen, 1m, 10m + i, 0m)]))
            .ToList();

        await Task.WhenAll(decisions.Select(d => Task.Run(() => database.Journal.RecordDecisionAsync(d, None))));

        var stored = await database.Journal.GetDecisionsAsync(null, 100, None);
        Assert.Equal(decisions.Select(d => d.Id).Order(), stored.Select(d => d.Id).Order());
        Assert.Equal(12, stored.Count(d => d.Order is { Fills.Count: 1 }));
    }
}
