using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>The cycle over the real journal (SQLite behind the fallback journal's group commit): decisions without an order are
/// queued and written together, and an order is sent only once its decision — and every decision before it — is in the database.</summary>
public sealed class TradingCycleJournalTests
{
    [Fact]
    public async Task An_order_is_sent_only_after_its_decision_and_the_decisions_queued_before_it_are_in_the_database()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();
        var symbols = new[] { "AAA", "BBB", "CCC", "DDD", "EEE", "NVDA", "FFF", "GGG" };
        var h = new CycleHarness(database.Journal, new ScriptedAnalyst().Propose("NVDA", TradeAction.Buy, 80), symbols);
        foreach (var symbol in symbols) h.ServeHistory(symbol);
        var inDatabaseAtSubmit = new List<Guid>();
        h.Broker.BeforeSubmit = async () =>
            inDatabaseAtSubmit.AddRange((await database.Journal.GetDecisionsAsync(null, 100, CancellationToken.None)).Select(d => d.Id));

        var result = await h.RunAsync();

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
}
