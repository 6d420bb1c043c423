using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfDecisionJournalTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfDecisionJournalTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfDecisionJournalTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_decision_with_its_order_and_fills_round_trips_exactly()
    {
        await using var database = await CreateMigratedAsync();
        var fills = new List<Fill>
        {
            new(MarketOpen.AddMinutes(1), 10m, 512.3712345678m, 0.005m),
            new(MarketOpen.AddMinutes(2), 7m, 79228162514264.337593543950m, 0m),
        };
        var decision = Decision(withOrder: true, status: OrderStatus.Accepted, fills: fills);

        await database.Journal.RecordDecisionAsync(decision, None);
        var loaded = await database.Journal.GetDecisionAsync(decision.Id, None);

        Assert.NotNull(loaded);
        Assert.Equal("default", loaded.Agent); // read back, a row says whose it is
        Assert.Equal("default", loaded.Order!.Agent);
        decision = decision with { Agent = "default", Order = decision.Order! with { Agent = "default" } };
        Assert.Equivalent(decision, loaded, strict: true);
        Assert.Equal(decision.Indicators, loaded.Indicators);
        Assert.True(double.IsNaN(loaded.Indicators.Sma50));
        Assert.Equal(decision.RiskChecks, loaded.RiskChecks);
        Assert.Equal(decision.Order!.Fills, loaded.Order!.Fills);
        Assert.Equal(decision.Order with { Fills = loaded.Order.Fills }, loaded.Order);
        Assert.All(
            new[] { loaded.Time, loaded.BarTime, loaded.Indicators.Time, loaded.Order.SubmittedAt, loaded.Order.BarTime }
                .Concat(loaded.Order.Fills.Select(f => f.Time)),
            t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }

    [Fact]
    public async Task A_hold_decision_is_stored_without_an_order()
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision(action: TradeAction.Hold);

        await database.Journal.RecordDecisionAsync(decision, None);
        var loaded = await database.Journal.GetDecisionAsync(decision.Id, None);

        Assert.NotNull(loaded);
        Assert.Null(loaded.Order);
        Assert.Equal(TradeAction.Hold, loaded.Action);
        Assert.Null(await database.Journal.GetDecisionAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task Unspecified_times_are_taken_as_UTC_and_read_back_as_UTC()
    {
        await using var database = await CreateMigratedAsync();
        var unspecified = DateTime.SpecifyKind(MarketOpen, DateTimeKind.Unspecified);
        var decision = Decision(time: unspecified, barTime: unspecified);

        await database.Journal.RecordDecisionAsync(decision, None);
        var loaded = (await database.Journal.GetDecisionAsync(decision.Id, None))!;

        Assert.Equal(DateTimeKind.Utc, loaded.Time.Kind);
        Assert.Equal(MarketOpen.Ticks, loaded.Time.Ticks);
        Assert.Equal(MarketOpen.Ticks, loaded.BarTime.Ticks);
    }

    [Fact]
    public async Task Updating_an_order_sets_its_status_and_replaces_its_fills()
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision(withOrder: true, fills: [new Fill(MarketOpen, 5m, 100m, 1m)]);
        await database.Journal.RecordDecisionAsync(decision, None);
        var replacement = new List<Fill> { new(MarketOpen.AddSeconds(30), 12m, 101.25m, 0.5m), new(MarketOpen.AddSeconds(31), 5m, 101.5m, 0.25m) };

        await database.Journal.UpdateOrderAsync(
            decision.Order! with { Status = OrderStatus.Filled, BrokerOrderId = "paper-42", Fills = replacement }, None);
        var afterFill = (await database.Journal.GetDecisionAsync(decision.Id, None))!.Order!;

        Assert.Equal(OrderStatus.Filled, afterFill.Status);
        Assert.Equal("paper-42", afterFill.BrokerOrderId);
        Assert.Equal(replacement, afterFill.Fills);
        Assert.Equal(2L, await database.ScalarAsync("SELECT count(*) FROM fills;"));

        await database.Journal.UpdateOrderAsync(
            afterFill with { Status = OrderStatus.Rejected, RejectReason = "Insufficient buying power", Fills = [] }, None);
        var afterReject = (await database.Journal.GetDecisionAsync(decision.Id, None))!.Order!;

        Assert.Equal(OrderStatus.Rejected, afterReject.Status);
        Assert.Equal("Insufficient buying power", afterReject.RejectReason);
        Assert.Empty(afterReject.Fills);
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM fills;"));
    }

    [Fact]
    public async Task Updating_an_order_that_was_never_recorded_fails_naming_it()
    {
        await using var database = await CreateMigratedAsync();
        var order = Order(Guid.NewGuid(), "SPY", MarketOpen, MarketOpen);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.Journal.UpdateOrderAsync(order, None));

        Assert.Contains(order.ClientOrderId, error.Message);
    }

    [Fact]
    public async Task Open_orders_are_those_in_every_state_that_may_still_change()
    {
        await using var database = await CreateMigratedAsync();
        var byStatus = new Dictionary<OrderStatus, DecisionRecord>();
        foreach (var (status, i) in Enum.GetValues<OrderStatus>().Select((s, i) => (s, i)))
        {
            byStatus[status] = Decision(withOrder: true, status: status, barTime: MarketOpen.AddMinutes(i),
                fills: status == OrderStatus.PartiallyFilled ? [new Fill(MarketOpen, 3m, 99.5m, 0m)] : null);
            await database.Journal.RecordDecisionAsync(byStatus[status], None);
        }

        var open = await database.Journal.GetOpenOrdersAsync(None);

        Assert.Equal(
            OrderStatuses.Open.Select(s => byStatus[s].Order!.ClientOrderId).Order(),
            open.Select(o => o.ClientOrderId).Order());
        Assert.DoesNotContain(open, o => o.Status is OrderStatus.Filled or OrderStatus.Rejected or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Replaced);
        Assert.All(open, o => Assert.True(o.IsOpen));
        Assert.Equal(byStatus[OrderStatus.PartiallyFilled].Order!.Fills, open.Single(o => o.Status == OrderStatus.PartiallyFilled).Fills);
    }

    [Theory]
    [InlineData(0, 3)]       // from the first order's bar: all three not rejected
    [InlineData(10, 2)]      // one microsecond later (PostgreSQL's resolution): the first order is excluded
    [InlineData(60 * 60 * 10_000_000L, 2)] // exactly the second order's bar (one hour later): at or after counts
    [InlineData(60 * 60 * 10_000_000L + 10, 1)]
    [InlineData(2 * 60 * 60 * 10_000_000L + 10, 0)]
    public async Task Counting_orders_since_a_market_time_includes_that_time_and_skips_rejected_orders(long ticksAfterOpen, int expected)
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordDecisionAsync(Decision(withOrder: true, barTime: MarketOpen, status: OrderStatus.Filled), None);
        await database.Journal.RecordDecisionAsync(Decision(withOrder: true, barTime: MarketOpen.AddHours(1), status: OrderStatus.Accepted), None);
        await database.Journal.RecordDecisionAsync(Decision(withOrder: true, barTime: MarketOpen.AddHours(1), status: OrderStatus.Rejected), None);
        await database.Journal.RecordDecisionAsync(Decision(withOrder: true, barTime: MarketOpen.AddHours(2), status: OrderStatus.New), None);
        await database.Journal.RecordDecisionAsync(Decision(barTime: MarketOpen.AddHours(2)), None); // a hold: no order

        var count = await database.Journal.CountOrdersSinceAsync(MarketOpen.AddTicks(ticksAfterOpen), None);

        Assert.Equal(expected, count);
    }

    [Fact]
    public async Task Decisions_are_listed_newest_first_with_equal_times_newest_inserted_first()
    {
        await using var database = await CreateMigratedAsync();
        var older = Decision("QQQ", time: MarketOpen);
        var sameTime = new[] { "SPY", "AAPL", "MSFT" }.Select(s => Decision(s, time: MarketOpen.AddMinutes(1))).ToList();
        await database.Journal.RecordDecisionAsync(older, None);
        foreach (var decision in sameTime) await database.Journal.RecordDecisionAsync(decision, None);

        var listed = await database.Journal.GetDecisionsAsync(null, 10, None);

        Assert.Equal(new[] { "MSFT", "AAPL", "SPY", "QQQ" }, listed.Select(d => d.Symbol));
    }

    [Fact]
    public async Task Decisions_can_be_filtered_by_symbol_and_include_their_orders()
    {
        await using var database = await CreateMigratedAsync();
        for (var minute = 0; minute < 4; minute++)
        {
            await database.Journal.RecordDecisionAsync(Decision("SPY", time: MarketOpen.AddMinutes(minute), withOrder: minute == 2,
                fills: [new Fill(MarketOpen, 1m, 500m, 0m)]), None);
            await database.Journal.RecordDecisionAsync(Decision("AAPL", time: MarketOpen.AddMinutes(minute)), None);
        }

        var spy = await database.Journal.GetDecisionsAsync("SPY", 3, None);

        Assert.Equal(3, spy.Count);
        Assert.All(spy, d => Assert.Equal("SPY", d.Symbol));
        Assert.Equal(new[] { 3, 2, 1 }, spy.Select(d => (d.Time - MarketOpen).Minutes));
        Assert.Null(spy[0].Order);
        Assert.Single(spy[1].Order!.Fills);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task A_limit_below_one_returns_one_decision(int limit)
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordDecisionAsync(Decision(time: MarketOpen), None);
        await database.Journal.RecordDecisionAsync(Decision(time: MarketOpen.AddMinutes(1)), None);

        Assert.Single(await database.Journal.GetDecisionsAsync(null, limit, None));
    }

    [Fact]
    public async Task Trades_are_fills_with_their_order_newest_first()
    {
        await using var database = await CreateMigratedAsync();
        var spy = Decision("SPY", withOrder: true, fills: [new Fill(MarketOpen.AddMinutes(1), 4m, 500.5m, 0.01m), new Fill(MarketOpen.AddMinutes(3), 6m, 500.75m, 0.02m)]);
        var aapl = Decision("AAPL", withOrder: true, fills: [new Fill(MarketOpen.AddMinutes(2), 9m, 170.1m, 0m)]);
        await database.Journal.RecordDecisionAsync(spy, None);
        await database.Journal.RecordDecisionAsync(aapl, None);

        var trades = await database.Journal.GetTradesAsync(2, None);

        Assert.Equal(
            new[]
            {
                new TradeRecord(spy.Order!.ClientOrderId, spy.Id, "SPY", OrderSide.Buy, 6m, 500.75m, 0.02m, MarketOpen.AddMinutes(3)) { Agent = "default" },
                new TradeRecord(aapl.Order!.ClientOrderId, aapl.Id, "AAPL", OrderSide.Buy, 9m, 170.1m, 0m, MarketOpen.AddMinutes(2)) { Agent = "default" },
            },
            trades);
        Assert.All(trades, t => Assert.Equal(DateTimeKind.Utc, t.Time.Kind));
    }

    [Theory]
    [InlineData(2, 10, new[] { 2, 3, 4, 5 })]
    [InlineData(2, 2, new[] { 4, 5 })]
    [InlineData(-1, 3, new[] { 3, 4, 5 })]
    [InlineData(6, 10, new int[0])]
    public async Task Snapshots_are_the_newest_at_or_after_the_start_oldest_first(int fromMinute, int limit, int[] expectedMinutes)
    {
        await using var database = await CreateMigratedAsync();
        for (var minute = 5; minute >= 0; minute--) // inserted out of order on purpose
        {
            await database.Journal.RecordSnapshotAsync(new PerformanceSnapshot(
                MarketOpen.AddMinutes(minute), MarketOpen.AddMinutes(minute - 1), 1000m + minute, 2000.25m + minute, 0.5m, -12.125m), None);
        }
        DateTime? from = fromMinute < 0 ? null : MarketOpen.AddMinutes(fromMinute);

        var snapshots = await database.Journal.GetSnapshotsAsync(from, limit, None);

        Assert.Equal(expectedMinutes, snapshots.Select(s => (s.Time - MarketOpen).Minutes));
        Assert.All(snapshots, s =>
        {
            var minute = (s.Time - MarketOpen).Minutes;
            Assert.Equal(new PerformanceSnapshot(MarketOpen.AddMinutes(minute), MarketOpen.AddMinutes(minute - 1), 1000m + minute, 2000.25m + minute, 0.5m, -12.125m), s);
            Assert.Equal(DateTimeKind.Utc, s.MarketTime.Kind);
        });
    }
}
