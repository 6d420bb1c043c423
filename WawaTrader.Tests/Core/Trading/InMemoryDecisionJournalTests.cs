using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Core.Trading;

public sealed class InMemoryDecisionJournalTests
{
    [Fact]
    public async Task By_default_every_decision_and_snapshot_is_kept()
    {
        var journal = new InMemoryDecisionJournal();
        await journal.RecordDecisionAsync(JournalData.Decision("SPY"), CancellationToken.None);
        await journal.RecordDecisionAsync(JournalData.Decision("QQQ", withOrder: true), CancellationToken.None);
        await journal.RecordSnapshotAsync(new PerformanceSnapshot(JournalData.MarketOpen, JournalData.MarketOpen, 1m, 2m, 0m, 0m), CancellationToken.None);

        Assert.Equal(2, (await journal.GetDecisionsAsync(null, 10, CancellationToken.None)).Count);
        Assert.Single(await journal.GetSnapshotsAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_backtest_journal_keeps_orders_but_not_decisions_without_one_nor_snapshots()
    {
        var journal = new InMemoryDecisionJournal { KeepsEverything = false };
        var hold = JournalData.Decision("SPY");
        var buy = JournalData.Decision("QQQ", withOrder: true);

        await journal.RecordDecisionAsync(hold, CancellationToken.None);
        await journal.RecordDecisionAsync(buy, CancellationToken.None);
        await journal.RecordSnapshotAsync(new PerformanceSnapshot(JournalData.MarketOpen, JournalData.MarketOpen, 1m, 2m, 0m, 0m), CancellationToken.None);
        await journal.UpdateOrderAsync(buy.Order! with { Status = OrderStatus.Filled, Fills = [new Fill(JournalData.MarketOpen.AddDays(1), 17m, 101.5m, 1m)] }, CancellationToken.None);

        var decision = Assert.Single(await journal.GetDecisionsAsync(null, 10, CancellationToken.None));
        Assert.Equal(buy.Id, decision.Id);
        Assert.Equal(OrderStatus.Filled, decision.Order!.Status);
        Assert.Single(journal.AllOrders());
        Assert.Empty(await journal.GetOpenOrdersAsync(CancellationToken.None));
        Assert.Empty(await journal.GetSnapshotsAsync(null, 10, CancellationToken.None));
        Assert.Equal(1, await journal.CountOrdersSinceAsync(JournalData.MarketOpen.AddHours(-1), CancellationToken.None));
    }

    [Fact]
    public async Task A_backtest_journal_still_refuses_an_order_recorded_twice()
    {
        var journal = new InMemoryDecisionJournal { KeepsEverything = false };
        var buy = JournalData.Decision("QQQ", withOrder: true);
        await journal.RecordDecisionAsync(buy, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordDecisionAsync(buy, CancellationToken.None));
    }
}
