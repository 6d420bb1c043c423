using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfPaperLedgerStoreTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfPaperLedgerStoreTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfPaperLedgerStoreTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Bar = new(2024, 3, 15, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_new_account_has_no_saved_ledger()
    {
        await using var database = await CreateMigratedAsync();

        Assert.Null(await database.Ledger.LoadAsync(None));
    }

    [Fact]
    public async Task Saving_twice_keeps_one_row_holding_the_latest_ledger()
    {
        await using var database = await CreateMigratedAsync();
        var first = Ledger(cash: 100_000m, quantity: 0m);
        var second = Ledger(cash: 94_871.2375m, quantity: 10m);

        await database.Ledger.SaveAsync(first, None);
        database.Time.Advance(TimeSpan.FromMinutes(5));
        await database.Ledger.SaveAsync(second, None);
        var loaded = await database.Ledger.LoadAsync(None);

        Assert.NotNull(loaded);
        Assert.Equivalent(second, loaded, strict: true);
        Assert.Equal(DateTimeKind.Utc, loaded.Marks["SPY"].BarTime.Kind);
        Assert.Equal(DateTimeKind.Utc, loaded.Orders[0].Fills[0].Time.Kind);
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM paper_ledger;"));
        Assert.Equal(Provider == TestProvider.Sqlite ? "2024-03-15 14:05:00" : new DateTime(2024, 3, 15, 14, 5, 0, DateTimeKind.Utc),
            await database.ScalarAsync("SELECT updated_at FROM paper_ledger WHERE agent = 'default';"));
    }

    internal static PaperLedger Ledger(decimal cash, decimal quantity) => new(
        cash,
        RealizedPnl: 12.5m,
        Positions: [new PaperPosition("SPY", quantity, 512.3712m, 0m)],
        Orders:
        [
            new BrokerOrder("wt-1", "paper-1", "SPY", OrderSide.Buy, 10m, OrderStatus.Filled, Bar,
                [new Fill(Bar, 10m, 512.3712m, 1.25m)], null),
            new BrokerOrder("wt-2", "paper-2", "AAPL", OrderSide.Sell, 3m, OrderStatus.Rejected, Bar.AddMinutes(1), [], "No position"),
        ],
        Marks: new Dictionary<string, PaperMark> { ["SPY"] = new(Bar, 513.01m), ["AAPL"] = new(Bar, 170.5m) });
}
