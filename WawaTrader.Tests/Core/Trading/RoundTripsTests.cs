using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

public sealed class RoundTripsTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc);

    private static TradeRecord Fill(string order, OrderSide side, decimal qty, decimal price, decimal commission, int minute, string symbol = "AAPL") =>
        new(order, Guid.Empty, symbol, side, qty, price, commission, T0.AddMinutes(minute));

    [Fact]
    public void A_buy_then_a_sell_of_the_same_quantity_is_one_round_trip_net_of_both_commissions()
    {
        // (110 - 100) × 10 = 100 gross; commissions 1 + 1; net 98 on a cost of 1,000 = 9.8 %.
        var result = RoundTrips.Match([Fill("b1", OrderSide.Buy, 10, 100, 1, 0), Fill("s1", OrderSide.Sell, 10, 110, 1, 5)]);

        var trip = Assert.Single(result.Closed);
        Assert.Equal((RoundTripSide.Long, 10m, "b1", T0, 100m, "s1", T0.AddMinutes(5), 110m),
            (trip.Side, trip.Quantity, trip.EntryOrderId, trip.EntryTime, trip.EntryPrice, trip.ExitOrderId, trip.ExitTime, trip.ExitPrice));
        Assert.Equal((100m, 2m, 98m, 9.8m), (trip.GrossPnl, trip.Commission, trip.NetPnl, trip.ReturnPct));
        Assert.Empty(result.Open);
    }

    [Fact]
    public void A_sell_closes_the_oldest_lots_first_at_the_average_cost_and_splits_commissions_by_quantity()
    {
        // Lots 10 @ 100 (c 1) and 10 @ 120 (c 2): 20 shares at an average cost of 110 carrying 3 of commissions. Sell 15 @ 130 (c 3).
        // First: 10 from lot 1, commission 3 × 10/20 + 3 × 10/15 = 3.5, gross 200, net 196.5.
        // Second: 5 from lot 2, commission 1.5 × 5/10 + 3 × 5/15 = 1.75, gross 100, net 98.25. Left open: 5 of lot 2 carrying 0.75.
        var result = RoundTrips.Match(
        [
            Fill("b1", OrderSide.Buy, 10, 100, 1, 0),
            Fill("b2", OrderSide.Buy, 10, 120, 2, 1),
            Fill("s1", OrderSide.Sell, 15, 130, 3, 2),
        ]);

        Assert.Equal(2, result.Closed.Count);
        var (first, second) = (result.Closed[0], result.Closed[1]);
        Assert.Equal(("b1", 10m, 110m, 3.5m, 196.5m), (first.EntryOrderId, first.Quantity, first.EntryPrice, first.Commission, first.NetPnl));
        Assert.Equal(("b2", 5m, 110m, 1.75m, 98.25m), (second.EntryOrderId, second.Quantity, second.EntryPrice, second.Commission, second.NetPnl));
        var open = Assert.Single(result.Open);
        Assert.Equal(("b2", 5m, 120m, 0.75m), (open.OrderId, open.Quantity, open.Price, open.Commission));
        Assert.Equal(294.75m, result.TotalNetPnl);
        Assert.Equal(2, result.Winners);
    }

    [Fact]
    public void Symbols_are_matched_separately()
    {
        var result = RoundTrips.Match(
        [
            Fill("a1", OrderSide.Buy, 5, 50, 0, 0, "AAPL"),
            Fill("m1", OrderSide.Buy, 5, 300, 0, 1, "MSFT"),
            Fill("a2", OrderSide.Sell, 5, 45, 0, 2, "AAPL"),
        ]);

        var trip = Assert.Single(result.Closed);
        Assert.Equal(("AAPL", "a1", -25m, -10m), (trip.Symbol, trip.EntryOrderId, trip.NetPnl, trip.ReturnPct));
        Assert.Equal("MSFT", Assert.Single(result.Open).Symbol);
    }

    [Fact]
    public void A_sell_larger_than_the_position_opens_a_short_that_a_later_buy_closes()
    {
        // Long 5 @ 100 closed at 90: -50. The other 3 sold at 90 open a short, bought back at 80: +30 (12.5 % of 240 → 30/270).
        var result = RoundTrips.Match(
        [
            Fill("b1", OrderSide.Buy, 5, 100, 0, 0),
            Fill("s1", OrderSide.Sell, 8, 90, 0, 1),
            Fill("b2", OrderSide.Buy, 3, 80, 0, 2),
        ]);

        Assert.Equal(2, result.Closed.Count);
        Assert.Equal((RoundTripSide.Long, 5m, -50m), (result.Closed[0].Side, result.Closed[0].Quantity, result.Closed[0].NetPnl));
        var shortTrip = result.Closed[1];
        Assert.Equal((RoundTripSide.Short, 3m, "s1", 90m, "b2", 80m, 30m), (shortTrip.Side, shortTrip.Quantity, shortTrip.EntryOrderId,
            shortTrip.EntryPrice, shortTrip.ExitOrderId, shortTrip.ExitPrice, shortTrip.NetPnl));
        Assert.Equal(30m / 270m * 100m, shortTrip.ReturnPct);
        Assert.Empty(result.Open);
    }

    [Fact]
    public void Buys_alone_close_nothing()
    {
        var result = RoundTrips.Match([Fill("b1", OrderSide.Buy, 3, 10, 0.5m, 0), Fill("b2", OrderSide.Buy, 2, 11, 0.5m, 1)]);

        Assert.Empty(result.Closed);
        Assert.Equal([3m, 2m], result.Open.Select(l => l.Quantity));
        Assert.Equal(0m, result.TotalNetPnl);
    }
}
