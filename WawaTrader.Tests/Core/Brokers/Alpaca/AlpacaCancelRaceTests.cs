using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>Our cancel (the kill switch) racing Alpaca's own executions: our records end as Alpaca's, with the fills it had, and
/// our recorded fills add up to Alpaca's positions and cash.</summary>
public sealed class AlpacaCancelRaceTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private sealed record Setup(AlpacaBrokerHarness Harness, AlpacaDay Day, KillSwitch KillSwitch, decimal StartingCash) : IAsyncDisposable
    {
        public FakeAlpacaTradingServer Fake => Harness.Fake;

        public AlpacaReconciler Reconciler => Harness.Services.GetRequiredService<AlpacaReconciler>();

        public ValueTask DisposeAsync() => Harness.DisposeAsync();

        /// <summary>Our fills add up to Alpaca's AAPL position and cash, and reconciling finds no position difference.</summary>
        public async Task AssertOursEqualAlpacasAsync()
        {
            var (positions, cash) = await Day.OursAsync(StartingCash);
            Assert.Equal(Fake.PositionOf("AAPL"), positions.GetValueOrDefault("AAPL"));
            Assert.Equal(Fake.Cash, cash);
            Assert.DoesNotContain(await Reconciler.ReconcileAsync(atStartUp: false, Ct), e => e.Kind == ReconciliationKind.PositionDiffers);
        }
    }

    /// <summary>One cycle of the agent buys AAPL at 100; the order is left open (accepted) at Alpaca.</summary>
    private static async Task<(Setup Setup, OrderRecord Order)> BuyOpenAsync()
    {
        var journal = new InMemoryDecisionJournal();
        var harness = await AlpacaBrokerHarness.StartAsync(configure: s => s.AddSingleton<IDecisionJournal>(journal).AddSingleton<AgentEventHub>());
        harness.Fake.SetPrice("AAPL", 100m);
        var day = AlpacaDay.Build(harness, journal, "AAPL");
        day.Market.Publish("AAPL", Bars.Flat(100, 60));
        day.Analyst.Propose("AAPL", TradeAction.Buy);
        var setup = new Setup(harness, day, new KillSwitch(new AgentControl(day.Hub, day.Time), harness.Broker, day.Cycle), harness.Fake.Cash);
        await day.Cycle.RunOnceAsync(Ct);
        var order = await day.LastOrderAsync("AAPL");
        Assert.Equal(OrderStatus.Accepted, order.Status);
        return (setup, order);
    }

    [Fact]
    public async Task A_cancel_that_arrives_as_the_order_fills_is_refused_and_our_record_ends_filled_with_its_fill()
    {
        var (setup, order) = await BuyOpenAsync();
        await using var _ = setup;
        setup.Fake.EnqueueCancelRace(new CancelRace.FillsFirst(101m));

        var canceled = await setup.KillSwitch.EngageAsync("kill switch", Ct);

        var recorded = await setup.Day.LastOrderAsync("AAPL");
        Assert.Equal(0, canceled);
        Assert.Equal("filled", setup.Fake.StatusOf(order.ClientOrderId));
        Assert.Equal(OrderStatus.Filled, recorded.Status);
        Assert.Equal([(order.Quantity, 101m)], recorded.Fills.Select(f => (f.Quantity, f.Price)));
        await setup.AssertOursEqualAlpacasAsync();
    }

    [Fact]
    public async Task A_single_cancel_that_loses_the_race_to_a_fill_says_so_and_the_order_is_recorded_filled()
    {
        var (setup, order) = await BuyOpenAsync();
        await using var _ = setup;
        setup.Fake.EnqueueCancelRace(new CancelRace.FillsFirst(99.5m));

        var canceled = await setup.Harness.Broker.CancelOrderAsync(order.ClientOrderId, Ct);
        await setup.Reconciler.ReconcileAsync(atStartUp: false, Ct);

        Assert.False(canceled);
        var recorded = await setup.Day.LastOrderAsync("AAPL");
        Assert.Equal((OrderStatus.Filled, order.Quantity), (recorded.Status, recorded.Fills.Sum(f => f.Quantity)));
        await setup.AssertOursEqualAlpacasAsync();
    }

    [Fact]
    public async Task A_cancel_left_pending_stays_open_in_our_records_until_alpaca_confirms_it_canceled()
    {
        var (setup, order) = await BuyOpenAsync();
        await using var _ = setup;
        setup.Fake.EnqueueCancelRace(new CancelRace.GoesPendingCancel());

        await setup.KillSwitch.EngageAsync("kill switch", Ct);
        var pending = await setup.Day.LastOrderAsync("AAPL");
        setup.Fake.SetStatus(order.ClientOrderId, "canceled");
        await setup.Reconciler.ReconcileAsync(atStartUp: false, Ct);

        Assert.Equal((OrderStatus.PendingCancel, true), (pending.Status, pending.IsOpen));
        var recorded = await setup.Day.LastOrderAsync("AAPL");
        Assert.Equal(OrderStatus.Canceled, recorded.Status);
        Assert.Empty(recorded.Fills);
        Assert.Empty(await setup.Day.Journal.GetOpenOrdersAsync(Ct));
        await setup.AssertOursEqualAlpacasAsync();
    }

    [Fact]
    public async Task Shares_that_fill_while_the_cancel_is_pending_are_kept_when_the_rest_is_canceled()
    {
        var (setup, order) = await BuyOpenAsync();
        await using var _ = setup;
        setup.Fake.EnqueueCancelRace(new CancelRace.GoesPendingCancel());

        await setup.KillSwitch.EngageAsync("kill switch", Ct);
        setup.Fake.FillPartially(order.ClientOrderId, 3m, 100.2m);
        await setup.Reconciler.ReconcileAsync(atStartUp: false, Ct);
        var stillPending = await setup.Day.LastOrderAsync("AAPL");
        setup.Fake.SetStatus(order.ClientOrderId, "canceled");
        await setup.Reconciler.ReconcileAsync(atStartUp: false, Ct);

        Assert.Equal((OrderStatus.PendingCancel, 3m), (stillPending.Status, stillPending.Fills.Sum(f => f.Quantity)));
        var recorded = await setup.Day.LastOrderAsync("AAPL");
        Assert.Equal(OrderStatus.Canceled, recorded.Status);
        Assert.Equal([(3m, 100.2m)], recorded.Fills.Select(f => (f.Quantity, f.Price)));
        await setup.AssertOursEqualAlpacasAsync();
    }

    [Fact]
    public async Task A_partial_fill_followed_by_our_cancel_ends_canceled_with_the_fills_it_had()
    {
        var (setup, order) = await BuyOpenAsync();
        await using var _ = setup;
        setup.Fake.FillPartially(order.ClientOrderId, 7m, 100.25m);
        setup.Day.Analyst.Propose("AAPL", TradeAction.Hold, 50);
        setup.Day.Market.PublishNext("AAPL", 100, 100.25);
        await setup.Day.Cycle.RunOnceAsync(Ct);                      // the partial fill recorded
        var partial = await setup.Day.LastOrderAsync("AAPL");

        var canceled = await setup.KillSwitch.EngageAsync("kill switch", Ct);

        Assert.Equal(OrderStatus.PartiallyFilled, partial.Status);
        Assert.Equal(1, canceled);
        var recorded = await setup.Day.LastOrderAsync("AAPL");
        Assert.Equal((OrderStatus.Canceled, false), (recorded.Status, recorded.IsOpen));
        Assert.Equal([(7m, 100.25m)], recorded.Fills.Select(f => (f.Quantity, f.Price)));
        Assert.Equal(7m, setup.Fake.PositionOf("AAPL"));
        await setup.AssertOursEqualAlpacasAsync();
    }
}
