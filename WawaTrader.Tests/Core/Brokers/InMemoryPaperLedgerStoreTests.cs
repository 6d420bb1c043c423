using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

public sealed class InMemoryPaperLedgerStoreTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static readonly DateTime BarTime = new(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_new_store_has_no_ledger()
    {
        Assert.Null(await new InMemoryPaperLedgerStore().LoadAsync(Ct));
    }

    [Fact]
    public async Task Round_trips_every_field()
    {
        var store = new InMemoryPaperLedgerStore();
        var ledger = SampleLedger(new List<PaperPosition> { new("AAPL", 10m, 101.5m, -0.1m) });

        await store.SaveAsync(ledger, Ct);
        var loaded = await store.LoadAsync(Ct);

        Assert.NotNull(loaded);
        Assert.Equal((ledger.Cash, ledger.RealizedPnl), (loaded.Cash, loaded.RealizedPnl));
        Assert.Equal(ledger.Positions, loaded.Positions);
        var order = Assert.Single(loaded.Orders);
        Assert.Equal(ledger.Orders[0] with { Fills = [] }, order with { Fills = [] });
        Assert.Equal(ledger.Orders[0].Fills, order.Fills);
        Assert.Equal(ledger.Marks, loaded.Marks);
    }

    [Fact]
    public async Task Later_changes_to_the_saved_collections_do_not_reach_the_store()
    {
        var store = new InMemoryPaperLedgerStore();
        var positions = new List<PaperPosition> { new("AAPL", 10m, 101.5m, 0m) };
        await store.SaveAsync(SampleLedger(positions), Ct);

        positions.Add(new PaperPosition("MSFT", 1m, 300m, 0m));

        Assert.Single((await store.LoadAsync(Ct))!.Positions);
    }

    [Fact]
    public async Task Each_load_returns_its_own_copy()
    {
        var store = new InMemoryPaperLedgerStore();
        await store.SaveAsync(SampleLedger([new("AAPL", 10m, 101.5m, 0m)]), Ct);

        var first = await store.LoadAsync(Ct);
        var second = await store.LoadAsync(Ct);

        Assert.NotSame(first, second);
        Assert.NotSame(first!.Positions, second!.Positions);
        Assert.NotSame(first.Orders[0], second.Orders[0]);
        Assert.NotSame(first.Orders[0].Fills, second.Orders[0].Fills);
        Assert.NotSame(first.Marks, second.Marks);
        Assert.Equal(1, store.SaveCount);
    }

    private static PaperLedger SampleLedger(IReadOnlyList<PaperPosition> positions) => new(
        98_985m,
        -0.1m,
        positions,
        [new BrokerOrder("b1", "paper-1", "AAPL", OrderSide.Buy, 10m, OrderStatus.Filled, BarTime, [new Fill(BarTime.AddDays(1), 10m, 101.5m, 0.1m)], null)],
        new Dictionary<string, PaperMark> { ["AAPL"] = new(BarTime.AddDays(1), 102m) });
}
