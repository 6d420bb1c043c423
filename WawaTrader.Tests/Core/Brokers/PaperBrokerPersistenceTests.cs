using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>The paper broker's ledger: loaded lazily, saved after every change, continued after a restart.</summary>
public sealed class PaperBrokerPersistenceTests
{
    private const string Aapl = "AAPL";
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_restarted_broker_continues_with_the_same_cash_positions_and_orders()
    {
        var paper = new PaperHarness(PaperHarness.Costs(slippageBps: 1m, commissionPerShare: 0.005m));
        await paper.BarAsync(Aapl, 100m, 100m);
        var filled = await paper.BuyAsync("b1", Aapl, 10);
        await paper.BarAsync(Aapl, 101m, 102m);
        var pending = await paper.BuyAsync("b2", Aapl, 5);
        var before = await paper.AccountAsync();

        paper.Restart();

        var after = await paper.AccountAsync();
        Assert.Equal((before.Cash, before.Equity, before.RealizedPnl), (after.Cash, after.Equity, after.RealizedPnl));
        Assert.Equal(before.Positions, after.Positions);
        Assert.Equal(OrderStatus.Filled, (await paper.OrderAsync("b1")).Status);
        Assert.Equal(OrderStatus.Accepted, (await paper.OrderAsync("b2")).Status);
        var repeat = await paper.BuyAsync("b1", Aapl, 10);
        Assert.Equal(filled.BrokerOrderId, repeat.BrokerOrderId);
        Assert.Equal(before.Cash, (await paper.AccountAsync()).Cash);

        var newOrder = await paper.BuyAsync("b3", Aapl, 1);
        Assert.DoesNotContain(newOrder.BrokerOrderId, new[] { filled.BrokerOrderId, pending.BrokerOrderId });
    }

    [Fact]
    public async Task An_order_pending_at_restart_fills_on_the_next_bar_not_on_a_repeat_of_the_last()
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b1", Aapl, 5);
        var last = await paper.Broker.GetOrderAsync("b1", Ct);

        paper.Restart();
        var lastBarTime = paper.NextBarTime(Aapl).AddDays(-1);
        await paper.Broker.OnBarAsync(Aapl, new(lastBarTime, 100, 100, 100, 100, 1), Ct);
        Assert.Equal(OrderStatus.Accepted, (await paper.OrderAsync("b1")).Status);
        await paper.BarAsync(Aapl, 103m, 104m);

        Assert.Equal(last?.BrokerOrderId, (await paper.OrderAsync("b1")).BrokerOrderId);
        Assert.Equal(103m, Assert.Single((await paper.OrderAsync("b1")).Fills).Price);
    }

    [Fact]
    public async Task A_new_account_opens_with_the_initial_cash_and_saves_nothing_until_it_changes()
    {
        var store = new InMemoryPaperLedgerStore();
        var paper = new PaperHarness(PaperHarness.Costs(cash: 25_000m), store);

        var account = await paper.AccountAsync();

        Assert.Equal((25_000m, 25_000m, 0m), (account.Cash, account.Equity, account.RealizedPnl));
        Assert.Equal(0, store.SaveCount);
        Assert.Null(await store.LoadAsync(Ct));
    }

    [Fact]
    public async Task Saves_after_submit_fill_and_cancel_but_not_after_a_mark()
    {
        var store = new InMemoryPaperLedgerStore();
        var paper = new PaperHarness(PaperHarness.Costs(), store);

        await paper.BarAsync(Aapl, 100m, 100m);
        Assert.Equal(0, store.SaveCount);
        await paper.BuyAsync("b1", Aapl, 1);
        Assert.Equal(1, store.SaveCount);
        await paper.BarAsync(Aapl, 100m, 100m);
        Assert.Equal(2, store.SaveCount);
        await paper.BuyAsync("b2", Aapl, 1);
        await paper.Broker.CancelOpenOrdersAsync(Ct);
        Assert.Equal(4, store.SaveCount);
        Assert.Equal(OrderStatus.Canceled, (await store.LoadAsync(Ct))!.Orders.Single(o => o.ClientOrderId == "b2").Status);
    }

    [Fact]
    public async Task Flush_saves_the_latest_marks()
    {
        var store = new InMemoryPaperLedgerStore();
        var paper = new PaperHarness(PaperHarness.Costs(), store);
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b1", Aapl, 10);
        await paper.BarAsync(Aapl, 100m, 100m);
        var marked = await paper.BarAsync(Aapl, 120m, 125m);

        await paper.Broker.FlushAsync(Ct);
        paper.Restart();

        Assert.Equal(new PaperMark(marked.Time, 125m), (await store.LoadAsync(Ct))!.Marks[Aapl]);
        Assert.Equal(125m, Assert.Single((await paper.AccountAsync()).Positions).LastPrice);
    }

    [Fact]
    public async Task A_failed_save_is_reported_and_the_order_is_not_kept()
    {
        var store = new FlakyLedgerStore();
        var paper = new PaperHarness(PaperHarness.Costs(), store);
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b0", Aapl, 1);

        store.FailSaves = true;
        await Assert.ThrowsAsync<IOException>(() => paper.BuyAsync("b1", Aapl, 1));
        store.FailSaves = false;

        Assert.Null(await paper.Broker.GetOrderAsync("b1", Ct));
        Assert.Equal(OrderStatus.Accepted, (await paper.OrderAsync("b0")).Status);
        Assert.Equal(OrderStatus.Accepted, (await paper.BuyAsync("b1", Aapl, 1)).Status);
    }

    [Fact]
    public async Task Keeps_only_the_newest_finished_orders_beyond_the_cap_but_every_open_one()
    {
        var store = new InMemoryPaperLedgerStore();
        var paper = new PaperHarness(PaperHarness.Costs(), store);
        var broker = new PaperBroker(store, new FixedOptionsMonitor<PaperOptions>(paper.Options), paper.Time, paper.Logger) { MaxOrdersKept = 3 };
        await broker.OnBarAsync(Aapl, new(PaperHarness.FirstBarTime, 100, 100, 100, 100, 1), Ct);

        await broker.SubmitOrderAsync(new("open", Aapl, OrderSide.Buy, 1), Ct);
        foreach (var id in new[] { "r1", "r2", "r3", "r4" })
            await broker.SubmitOrderAsync(new(id, Aapl, OrderSide.Buy, 0), Ct);

        Assert.Equal(["open", "r3", "r4"], (await store.LoadAsync(Ct))!.Orders.Select(o => o.ClientOrderId));
        Assert.Null(await broker.GetOrderAsync("r1", Ct));
        Assert.Equal(OrderStatus.Accepted, (await broker.GetOrderAsync("open", Ct))?.Status);
    }

    /// <summary>An in-memory store whose saves can be made to fail, like a database that went away.</summary>
    private sealed class FlakyLedgerStore : IPaperLedgerStore
    {
        private readonly InMemoryPaperLedgerStore _inner = new();

        public bool FailSaves { get; set; }

        public Task<PaperLedger?> LoadAsync(CancellationToken cancellationToken) => _inner.LoadAsync(cancellationToken);

        public Task SaveAsync(PaperLedger ledger, CancellationToken cancellationToken) =>
            FailSaves ? throw new IOException("database unavailable") : _inner.SaveAsync(ledger, cancellationToken);
    }
}
