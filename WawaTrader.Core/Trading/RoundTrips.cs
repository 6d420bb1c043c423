using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Trading;

/// <summary>Whether a round trip bought first (long) or sold first (short).</summary>
public enum RoundTripSide { Long, Short }

/// <summary>
/// One matched pair: <see cref="Quantity"/> shares opened by the fill of <see cref="EntryOrderId"/> and closed by the fill of
/// <see cref="ExitOrderId"/>. Times are the fills' market times (UTC); prices per share. <see cref="Commission"/> is the
/// entry's and the exit's commission for these shares (each fill's commission split in proportion to quantity, unrounded).
/// <see cref="GrossPnl"/> is before and <see cref="NetPnl"/> after commissions; <see cref="ReturnPct"/> is
/// <see cref="NetPnl"/> in percent of the entry cost (<c>quantity × entry price</c>).
/// </summary>
public sealed record RoundTrip(
    string Symbol,
    RoundTripSide Side,
    decimal Quantity,
    string EntryOrderId,
    DateTime EntryTime,
    decimal EntryPrice,
    string ExitOrderId,
    DateTime ExitTime,
    decimal ExitPrice,
    decimal Commission)
{
    public decimal GrossPnl => (Side == RoundTripSide.Long ? ExitPrice - EntryPrice : EntryPrice - ExitPrice) * Quantity;

    public decimal NetPnl => GrossPnl - Commission;

    public decimal ReturnPct => EntryPrice * Quantity == 0 ? 0 : NetPnl / (EntryPrice * Quantity) * 100m;
}

/// <summary>Shares still open after the last fill: what remains of the entry fill of <see cref="OrderId"/>, with its share of that fill's commission.</summary>
public sealed record OpenLot(string Symbol, RoundTripSide Side, decimal Quantity, string OrderId, DateTime Time, decimal Price, decimal Commission);

/// <summary>The closed round trips in the order they were closed, and the lots still open (oldest first per symbol).</summary>
public sealed record RoundTripResult(IReadOnlyList<RoundTrip> Closed, IReadOnlyList<OpenLot> Open)
{
    public decimal TotalNetPnl => Closed.Sum(r => r.NetPnl);

    public decimal TotalCommission => Closed.Sum(r => r.Commission);

    /// <summary>Closed round trips with a positive net P&amp;L.</summary>
    public int Winners => Closed.Count(r => r.NetPnl > 0);
}

/// <summary>
/// Pairs fills into round trips, FIFO per symbol: a fill in the direction of the open lots (or with none open) opens a lot;
/// a fill against them closes the oldest lots first, one round trip per (entry fill, exit fill) pair, and any excess opens a
/// lot the other way (a sell larger than the long position opens a short). Pure.
/// </summary>
public static class RoundTrips
{
    /// <summary>Matches <paramref name="fills"/>, which must be oldest first (as <see cref="IDecisionJournal.StreamTradesAsync"/> gives them).</summary>
    public static RoundTripResult Match(IEnumerable<TradeRecord> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var books = new Dictionary<string, LinkedList<OpenLot>>(StringComparer.Ordinal);
        var closed = new List<RoundTrip>();
        foreach (var fill in fills)
        {
            if (fill.Quantity <= 0) continue;
            if (!books.TryGetValue(fill.Symbol, out var lots)) books[fill.Symbol] = lots = new LinkedList<OpenLot>();
            var side = fill.Side == OrderSide.Buy ? RoundTripSide.Long : RoundTripSide.Short;
            var remaining = fill.Quantity;
            while (remaining > 0 && lots.First is { } oldest && oldest.Value.Side != side)
            {
                var lot = oldest.Value;
                var matched = Math.Min(remaining, lot.Quantity);
                var entryCommission = lot.Commission * matched / lot.Quantity;
                var exitCommission = fill.Commission * matched / fill.Quantity;
                closed.Add(new RoundTrip(fill.Symbol, lot.Side, matched, lot.OrderId, lot.Time, lot.Price,
                    fill.ClientOrderId, fill.Time, fill.Price, entryCommission + exitCommission));
                if (matched == lot.Quantity) lots.RemoveFirst();
                else oldest.Value = lot with { Quantity = lot.Quantity - matched, Commission = lot.Commission - entryCommission };
                remaining -= matched;
            }
            if (remaining > 0)
            {
                lots.AddLast(new OpenLot(fill.Symbol, side, remaining, fill.ClientOrderId, fill.Time, fill.Price,
                    fill.Commission * remaining / fill.Quantity));
            }
        }
        return new RoundTripResult(closed, books.Values.SelectMany(l => l).ToList());
    }
}
