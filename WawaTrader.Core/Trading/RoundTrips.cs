using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Trading;

/// <summary>Whether a round trip bought first (long) or sold first (short).</summary>
public enum RoundTripSide { Long, Short }

/// <summary>
/// One matched pair: <see cref="Quantity"/> shares opened by the fill of <see cref="EntryOrderId"/> and closed by the fill of
/// <see cref="ExitOrderId"/>. Times are the fills' market times (UTC); prices per share. <see cref="EntryPrice"/> is the
/// position's average cost at the exit (the quantity-weighted mean price of the fills that built it, commissions excluded, as
/// the broker books it), so a round trip's P&amp;L is realised P&amp;L by the one definition the app uses (README, "P&amp;L").
/// <see cref="Commission"/> is what these shares carry: their share of the position's open commissions (its opening fills'
/// commissions, released in proportion to the shares closed) plus their share of the exit fill's commission.
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

/// <summary>Shares still open after the last fill: what remains of the entry fill of <see cref="OrderId"/> at its
/// <see cref="Price"/>, with its share of the position's open commissions (part of their cost, not realised yet).</summary>
public sealed record OpenLot(string Symbol, RoundTripSide Side, decimal Quantity, string OrderId, DateTime Time, decimal Price, decimal Commission);

/// <summary>The closed round trips in the order they were closed, and the lots still open (oldest first per symbol).</summary>
public sealed record RoundTripResult(IReadOnlyList<RoundTrip> Closed, IReadOnlyList<OpenLot> Open)
{
    /// <summary>Realised P&amp;L of these round trips: net of every commission attributable to the closed shares.</summary>
    public decimal TotalNetPnl => Closed.Sum(r => r.NetPnl);

    public decimal TotalCommission => Closed.Sum(r => r.Commission);

    /// <summary>Closed round trips with a positive net P&amp;L.</summary>
    public int Winners => Closed.Count(r => r.NetPnl > 0);
}

/// <summary>
/// Pairs fills into round trips per symbol: a fill in the direction of the open position (or with none open) adds a lot and
/// moves the position's average cost; a fill against it closes the oldest lots first (which buy opened the shares, and when),
/// one round trip per (entry fill, exit fill) pair, each priced at the average cost, and any excess opens a position the other
/// way (a sell larger than the long position opens a short). The paper broker books realised P&amp;L the same way. Pure.
/// </summary>
public static class RoundTrips
{
    /// <summary>Matches <paramref name="fills"/>, which must be oldest first (as <see cref="IDecisionJournal.StreamTradesAsync"/> gives them).</summary>
    public static RoundTripResult Match(IEnumerable<TradeRecord> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var books = new Dictionary<string, Book>(StringComparer.Ordinal);
        var closed = new List<RoundTrip>();
        foreach (var fill in fills)
        {
            if (fill.Quantity <= 0) continue;
            if (!books.TryGetValue(fill.Symbol, out var book)) books[fill.Symbol] = book = new Book();
            var side = fill.Side == OrderSide.Buy ? RoundTripSide.Long : RoundTripSide.Short;
            var remaining = fill.Quantity;
            while (remaining > 0 && book.Lots.First is { } oldest && oldest.Value.Side != side)
            {
                var lot = oldest.Value;
                var matched = Math.Min(remaining, lot.Quantity);
                var entryCommission = book.OpenCommission * matched / book.Quantity;
                var exitCommission = fill.Commission * matched / fill.Quantity;
                closed.Add(new RoundTrip(fill.Symbol, lot.Side, matched, lot.OrderId, lot.Time, book.AverageCost,
                    fill.ClientOrderId, fill.Time, fill.Price, entryCommission + exitCommission));
                book.OpenCommission -= entryCommission;
                book.Quantity -= matched;
                if (matched == lot.Quantity) book.Lots.RemoveFirst();
                else oldest.Value = lot with { Quantity = lot.Quantity - matched };
                remaining -= matched;
            }
            if (book.Quantity == 0) (book.AverageCost, book.OpenCommission) = (0m, 0m);
            if (remaining > 0)
            {
                book.Lots.AddLast(new OpenLot(fill.Symbol, side, remaining, fill.ClientOrderId, fill.Time, fill.Price, 0m));
                book.AverageCost = (book.Quantity * book.AverageCost + remaining * fill.Price) / (book.Quantity + remaining);
                book.Quantity += remaining;
                book.OpenCommission += fill.Commission * remaining / fill.Quantity;
            }
        }
        var open = books.Values.SelectMany(b => b.Lots.Select(l => l with { Commission = b.OpenCommission * l.Quantity / b.Quantity })).ToList();
        return new RoundTripResult(closed, open);
    }

    /// <summary>One symbol's open position: its lots oldest first, shares, average cost and the commissions it carries.</summary>
    private sealed class Book
    {
        public LinkedList<OpenLot> Lots { get; } = new();
        public decimal Quantity { get; set; }
        public decimal AverageCost { get; set; }
        public decimal OpenCommission { get; set; }
    }
}
