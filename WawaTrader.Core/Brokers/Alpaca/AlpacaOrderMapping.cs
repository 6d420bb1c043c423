using System.Collections.Concurrent;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>
/// Alpaca's order objects into ours. Statuses map one to one (<c>accepted_for_bidding</c> reads as Accepted; an unknown status as
/// Accepted, so the order stays open and keeps being reconciled). Alpaca reports the filled quantity and average price so far, not
/// each execution: the fills of an order are rebuilt as the increments seen — each time more shares have filled, one fill of the new
/// shares at the price that makes the average Alpaca reports (rounded to 4 decimal places, midpoint away from zero), commission 0
/// (Alpaca charges none on stocks). An order first seen in this process gets one fill of everything filled so far.
/// </summary>
internal sealed class AlpacaOrderMapping
{
    private readonly ConcurrentDictionary<string, Fill[]> _fills = new(StringComparer.Ordinal);

    public static OrderStatus StatusOf(string? status) => status switch
    {
        "new" => OrderStatus.New,
        "accepted" or "accepted_for_bidding" => OrderStatus.Accepted,
        "pending_new" => OrderStatus.PendingNew,
        "partially_filled" => OrderStatus.PartiallyFilled,
        "filled" => OrderStatus.Filled,
        "done_for_day" => OrderStatus.DoneForDay,
        "canceled" => OrderStatus.Canceled,
        "expired" => OrderStatus.Expired,
        "replaced" => OrderStatus.Replaced,
        "pending_cancel" => OrderStatus.PendingCancel,
        "pending_replace" => OrderStatus.PendingReplace,
        "rejected" => OrderStatus.Rejected,
        "suspended" => OrderStatus.Suspended,
        "stopped" => OrderStatus.Stopped,
        "calculated" => OrderStatus.Calculated,
        _ => OrderStatus.Accepted,
    };

    /// <summary>Whether Alpaca's status is one this mapping knows.</summary>
    public static bool IsKnownStatus(string? status) => status is "new" or "accepted" or "accepted_for_bidding" or "pending_new" or "partially_filled"
        or "filled" or "done_for_day" or "canceled" or "expired" or "replaced" or "pending_cancel" or "pending_replace" or "rejected"
        or "suspended" or "stopped" or "calculated";

    public BrokerOrder ToOrder(AlpacaWireOrder wire)
    {
        if (wire.Id is not { Length: > 0 } id || wire.ClientOrderId is null || wire.Symbol is null || wire.Side is not ("buy" or "sell"))
            throw new AlpacaException(AlpacaFailure.InvalidResponse, "Alpaca's order lacks one of 'id', 'client_order_id', 'symbol', 'side'.");
        var status = StatusOf(wire.Status);
        var submitted = (wire.SubmittedAt ?? wire.CreatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime;
        var fillTime = (wire.FilledAt ?? wire.UpdatedAt ?? wire.SubmittedAt ?? wire.CreatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime;
        var fills = FillsOf(id, wire.FilledQty ?? 0m, wire.FilledAvgPrice ?? 0m, fillTime);
        return new BrokerOrder(wire.ClientOrderId, id, wire.Symbol, wire.Side == "buy" ? OrderSide.Buy : OrderSide.Sell,
            wire.Qty ?? 0m, status, submitted, fills, status == OrderStatus.Rejected ? "rejected by Alpaca" : null)
        {
            Type = wire.Type == "limit" ? OrderType.Limit : OrderType.Market,
            LimitPrice = wire.Type == "limit" ? wire.LimitPrice : null,
        };
    }

    private Fill[] FillsOf(string orderId, decimal filledQty, decimal averagePrice, DateTime time)
    {
        if (filledQty <= 0m || averagePrice <= 0m) return _fills.GetValueOrDefault(orderId) ?? [];
        return _fills.AddOrUpdate(orderId,
            _ => [new Fill(time, filledQty, Round(averagePrice), 0m)],
            (_, known) =>
            {
                var knownQty = known.Sum(f => f.Quantity);
                if (filledQty <= knownQty) return known;
                var knownCost = known.Sum(f => f.Quantity * f.Price);
                var increment = filledQty - knownQty;
                var price = Round((filledQty * averagePrice - knownCost) / increment);
                return [.. known, new Fill(time, increment, price > 0m ? price : Round(averagePrice), 0m)];
            });
    }

    private static decimal Round(decimal price) => Math.Round(price, 4, MidpointRounding.AwayFromZero);
}
