using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

public sealed class AlpacaOrderMappingTests
{
    [Theory]
    [InlineData("new", OrderStatus.New, true)]
    [InlineData("accepted", OrderStatus.Accepted, true)]
    [InlineData("pending_new", OrderStatus.PendingNew, true)]
    [InlineData("accepted_for_bidding", OrderStatus.Accepted, true)]
    [InlineData("partially_filled", OrderStatus.PartiallyFilled, true)]
    [InlineData("filled", OrderStatus.Filled, false)]
    [InlineData("done_for_day", OrderStatus.DoneForDay, true)]
    [InlineData("canceled", OrderStatus.Canceled, false)]
    [InlineData("expired", OrderStatus.Expired, false)]
    [InlineData("replaced", OrderStatus.Replaced, false)]
    [InlineData("pending_cancel", OrderStatus.PendingCancel, true)]
    [InlineData("pending_replace", OrderStatus.PendingReplace, true)]
    [InlineData("rejected", OrderStatus.Rejected, false)]
    [InlineData("suspended", OrderStatus.Suspended, true)]
    [InlineData("stopped", OrderStatus.Stopped, true)]
    [InlineData("calculated", OrderStatus.Calculated, true)]
    [InlineData("something_new", OrderStatus.Accepted, true)]
    public void Maps_each_alpaca_status_onto_ours_and_knows_which_are_open(string alpaca, OrderStatus expected, bool open)
    {
        var status = AlpacaOrderMapping.StatusOf(alpaca);

        Assert.Equal((expected, open), (status, OrderStatuses.IsOpen(status)));
    }

    [Fact]
    public void Every_status_name_fits_the_journal_column()
    {
        Assert.All(Enum.GetNames<OrderStatus>(), name => Assert.True(name.Length <= 16, name));
    }

    [Fact]
    public void The_open_list_and_is_open_agree_on_every_status()
    {
        Assert.All(Enum.GetValues<OrderStatus>(), s => Assert.Equal(OrderStatuses.Open.Contains(s), OrderStatuses.IsOpen(s)));
    }

    [Fact]
    public void Partial_fills_are_recorded_as_the_increments_seen_at_the_prices_that_make_alpacas_average()
    {
        var mapping = new AlpacaOrderMapping();

        var first = mapping.ToOrder(Wire("partially_filled", filled: 4m, average: 100m));
        var again = mapping.ToOrder(Wire("partially_filled", filled: 4m, average: 100m));
        var done = mapping.ToOrder(Wire("filled", filled: 10m, average: 101.2m));

        Assert.Equal([(4m, 100m)], first.Fills.Select(f => (f.Quantity, f.Price)));
        Assert.Equal(first.Fills, again.Fills);
        Assert.Equal([(4m, 100m), (6m, 102m)], done.Fills.Select(f => (f.Quantity, f.Price)));
        Assert.Equal(OrderStatus.Filled, done.Status);
    }

    private static AlpacaWireOrder Wire(string status, decimal filled, decimal average) =>
        new("order-1", "wt-1", DateTimeOffset.Parse("2026-12-01T15:00:00Z"), DateTimeOffset.Parse("2026-12-01T15:01:00Z"),
            DateTimeOffset.Parse("2026-12-01T15:00:00Z"), null, "AAPL", 10m, filled, average, "market", "buy", "day", null, status, false);
}
