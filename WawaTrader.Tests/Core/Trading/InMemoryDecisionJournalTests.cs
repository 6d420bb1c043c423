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

    [Fact]
    public async Task Open_orders_follow_every_update_in_recording_order()
    {
        var journal = new InMemoryDecisionJournal();
        var decisions = new[] { "AAA", "BBB", "CCC" }.Select(s => JournalData.Decision(s, withOrder: true)).ToArray();
        foreach (var decision in decisions) await journal.RecordDecisionAsync(decision, CancellationToken.None);
        var (a, b, c) = (decisions[0].Order!, decisions[1].Order!, decisions[2].Order!);
        async Task<string[]> Open() => [.. (await journal.GetOpenOrdersAsync(CancellationToken.None)).Select(o => $"{o.Symbol}:{o.Status}")];

        await journal.UpdateOrderAsync(b with { Status = OrderStatus.Accepted, BrokerOrderId = "paper-2" }, CancellationToken.None);
        Assert.Equal(["AAA:New", "BBB:Accepted", "CCC:New"], await Open());

        await journal.UpdateOrderAsync(a with { Status = OrderStatus.Filled }, CancellationToken.None);
        await journal.UpdateOrderAsync(c with { Status = OrderStatus.Rejected }, CancellationToken.None);
        Assert.Equal(["BBB:Accepted"], await Open());
        Assert.False(journal.OpenOrders().Count == 0);

        // An order open again (a correction) goes back in recording order; a finished order updated again stays finished.
        await journal.UpdateOrderAsync(a with { Status = OrderStatus.Accepted }, CancellationToken.None);
        await journal.UpdateOrderAsync(c with { Status = OrderStatus.Canceled }, CancellationToken.None);
        Assert.Equal(["AAA:Accepted", "BBB:Accepted"], await Open());

        await journal.UpdateOrderAsync(b with { Status = OrderStatus.Filled }, CancellationToken.None);
        await journal.UpdateOrderAsync(a with { Status = OrderStatus.Filled }, CancellationToken.None);
        Assert.Empty(await Open());
        Assert.Equal([OrderStatus.Filled, OrderStatus.Filled, OrderStatus.Canceled], journal.AllOrders().Select(o => o.Status));
    }

    [Fact]
    public async Task Decided_closes_are_the_bars_closes_from_a_market_time_per_symbol()
    {
        var journal = new InMemoryDecisionJournal();
        await Persistence.EfDecisionJournalDecidedClosesTests.RecordAsync(journal, "SPY", 1, 501);
        await Persistence.EfDecisionJournalDecidedClosesTests.RecordAsync(journal, "SPY", 0, 500);
        await Persistence.EfDecisionJournalDecidedClosesTests.RecordAsync(journal, "SPY", 1, 999);

        var closes = await journal.GetDecidedClosesAsync(Persistence.JournalData.MarketOpen, CancellationToken.None);

        Assert.Equal([500d, 501d], closes["SPY"].Select(b => b.Close));
    }
}
