using System.Globalization;
using System.Runtime.InteropServices;

namespace WawaTrader.Core.Brokers;

/// <summary>
/// The paper broker's mutable book (cash, positions, orders, marks). Not thread-safe: <see cref="PaperBroker"/> owns the lock.
/// Converts to and from the persisted <see cref="PaperLedger"/>.
/// </summary>
internal sealed class PaperBook
{
    private const string OrderIdPrefix = "paper-";

    private readonly Dictionary<string, BrokerOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<string> _sequence = [];
    // The open orders as they now stand, oldest first (a subsequence of _sequence, kept in step with _orders), so a bar or a
    // refresh never scans finished orders nor looks one up.
    private readonly List<BrokerOrder> _open = [];
    private readonly Dictionary<string, PaperPosition> _positions = new(StringComparer.Ordinal);
    // Marks by value in one cell a symbol, replaced at every bar: the ledger's PaperMark records are made only when it is saved,
    // and a caller that feeds the same symbol bar after bar (a backtest) keeps its cell instead of looking the symbol up.
    private readonly Dictionary<string, MarkCell> _marks = new(StringComparer.Ordinal);
    // The positions not flat, in ordinal symbol order, each with its symbol's mark cell: the account is read at every cycle,
    // positions change only at fills.
    private readonly List<(PaperPosition Position, MarkCell Mark)> _held = [];
    private long _lastOrderNumber;

    private PaperBook(decimal cash, decimal realizedPnl)
    {
        Cash = cash;
        RealizedPnl = realizedPnl;
    }

    public decimal Cash { get; private set; }

    public decimal RealizedPnl { get; private set; }

    public int OrderCount => _orders.Count;

    /// <summary>How many orders are open (waiting for their next bar).</summary>
    public int OpenOrderCount => _open.Count;

    public static PaperBook NewAccount(decimal initialCash) => new(initialCash, 0m);

    public static PaperBook FromLedger(PaperLedger ledger)
    {
        var book = new PaperBook(ledger.Cash, ledger.RealizedPnl);
        foreach (var position in ledger.Positions) book._positions[position.Symbol] = position;
        foreach (var (symbol, mark) in ledger.Marks) book.CellOf(symbol).Set(new Mark(mark.BarTime, mark.Close));
        foreach (var position in ledger.Positions) book.KeepHeld(position);
        foreach (var order in ledger.Orders)
        {
            if (book._orders.TryAdd(order.ClientOrderId, order))
            {
                book._sequence.Add(order.ClientOrderId);
                if (order.IsOpen) book._open.Add(order);
            }
            if (order.BrokerOrderId.StartsWith(OrderIdPrefix, StringComparison.Ordinal)
                && long.TryParse(order.BrokerOrderId.AsSpan(OrderIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                book._lastOrderNumber = Math.Max(book._lastOrderNumber, number);
            }
        }
        return book;
    }

    public PaperLedger ToLedger() => new(
        Cash,
        RealizedPnl,
        _positions.Values.OrderBy(p => p.Symbol, StringComparer.Ordinal).ToArray(),
        _sequence.Select(id => _orders[id]).ToArray(),
        _marks.Where(m => m.Value.HasMark).ToDictionary(m => m.Key, m => new PaperMark(m.Value.Mark.BarTime, m.Value.Mark.Close), StringComparer.Ordinal));

    public BrokerOrder? Find(string clientOrderId) => _orders.GetValueOrDefault(clientOrderId);

    public Mark? MarkOf(string symbol) => _marks.TryGetValue(symbol, out var cell) ? cell.Current : null;

    /// <summary>The cell holding <paramref name="symbol"/>'s mark, made (empty) on first use; it stays the symbol's for the
    /// book's life, so a caller may keep it and read or replace the mark without a lookup.</summary>
    public MarkCell CellOf(string symbol)
    {
        ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_marks, symbol, out _);
        return cell ??= new MarkCell();
    }

    public decimal HeldQuantity(string symbol) => _positions.TryGetValue(symbol, out var p) ? p.Quantity : 0m;

    public IReadOnlyDictionary<string, decimal> RealizedPnlBySymbol() =>
        _positions.Values.ToDictionary(p => p.Symbol, p => p.RealizedPnl, StringComparer.Ordinal);

    /// <summary>Open orders, oldest first; only those of <paramref name="symbol"/> when given.</summary>
    public IReadOnlyList<BrokerOrder> OpenOrders(string? symbol = null)
    {
        List<BrokerOrder>? open = null; // a copy (callers may change the book while going through it), made only when not empty
        foreach (var order in _open)
        {
            if (symbol is null || order.Symbol == symbol) (open ??= []).Add(order);
        }
        return open ?? (IReadOnlyList<BrokerOrder>)[];
    }

    /// <summary>The <paramref name="index"/>-th open order, oldest first (0 ≤ index &lt; <see cref="OpenOrderCount"/>), read in place.</summary>
    public BrokerOrder OpenOrderAt(int index) => _open[index];

    public string NextBrokerOrderId() => OrderIdPrefix + (++_lastOrderNumber).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds a new order, then forgets the oldest finished orders beyond <paramref name="maxOrdersKept"/> (open ones are always kept).</summary>
    public void Add(BrokerOrder order, int maxOrdersKept)
    {
        _orders.Add(order.ClientOrderId, order);
        _sequence.Add(order.ClientOrderId);
        if (order.IsOpen) _open.Add(order);
        var excess = _orders.Count - maxOrdersKept;
        if (excess <= 0) return;
        var forgotten = _sequence.Where(id => !_orders[id].IsOpen).Take(excess).ToHashSet(StringComparer.Ordinal);
        foreach (var id in forgotten) _orders.Remove(id);
        _sequence.RemoveAll(forgotten.Contains);
    }

    public void Replace(BrokerOrder order)
    {
        var wasOpen = _orders.TryGetValue(order.ClientOrderId, out var before) && before.IsOpen;
        _orders[order.ClientOrderId] = order;
        if (wasOpen)
        {
            var at = 0;
            while (!ReferenceEquals(_open[at], before)) at++;
            if (order.IsOpen) _open[at] = order;
            else _open.RemoveAt(at);
            return;
        }
        if (!order.IsOpen) return;
        // Open again (or new through Replace): rebuild in sequence order; rare.
        _open.Clear();
        foreach (var id in _sequence)
            if (_orders.TryGetValue(id, out var o) && o.IsOpen) _open.Add(o);
    }

    /// <summary>
    /// Books an execution: cash moves by price × quantity and the commission; the average price (commission excluded) is the
    /// quantity-weighted mean of the buys. A buy's commission is part of the shares' cost (the position's open commission), not
    /// realised; a sell realises (price − average) × quantity − its commission − the open commission of the shares sold (in
    /// proportion to the position). The one definition of realised P&amp;L (README, "P&amp;L"; <see cref="Trading.RoundTrips"/>).
    /// </summary>
    public void ApplyFill(string symbol, OrderSide side, Fill fill)
    {
        var current = _positions.GetValueOrDefault(symbol) ?? new PaperPosition(symbol, 0m, 0m, 0m);
        decimal quantity, average, realized, openCommission;
        if (side == OrderSide.Buy)
        {
            Cash -= fill.Price * fill.Quantity + fill.Commission;
            quantity = current.Quantity + fill.Quantity;
            average = (current.Quantity * current.AveragePrice + fill.Quantity * fill.Price) / quantity;
            realized = 0m;
            openCommission = current.OpenCommission + fill.Commission;
        }
        else
        {
            Cash += fill.Price * fill.Quantity - fill.Commission;
            var released = current.Quantity > 0m ? current.OpenCommission * Math.Min(fill.Quantity, current.Quantity) / current.Quantity : 0m;
            realized = (fill.Price - current.AveragePrice) * fill.Quantity - fill.Commission - released;
            quantity = current.Quantity - fill.Quantity;
            average = quantity == 0m ? 0m : current.AveragePrice;
            openCommission = quantity == 0m ? 0m : current.OpenCommission - released;
        }
        RealizedPnl += realized;
        var next = current with { Quantity = quantity, AveragePrice = average, RealizedPnl = current.RealizedPnl + realized, OpenCommission = openCommission };
        _positions[symbol] = next;
        KeepHeld(next);
    }

    /// <summary>Keeps <see cref="_held"/> in step with a position just set.</summary>
    private void KeepHeld(PaperPosition position)
    {
        var lo = 0;
        var hi = _held.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var order = string.CompareOrdinal(_held[mid].Position.Symbol, position.Symbol);
            if (order == 0)
            {
                if (position.Quantity != 0m) _held[mid] = (position, _held[mid].Mark);
                else _held.RemoveAt(mid);
                return;
            }
            if (order < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        if (position.Quantity != 0m) _held.Insert(lo, (position, CellOf(position.Symbol)));
    }

    /// <summary>The <see cref="BrokerAccount.Equity"/> of <see cref="ToAccount"/>, summed the same way (so bit for bit the same
    /// decimal), without building the account: a backtest reads it at every step.</summary>
    public decimal Equity()
    {
        var marketValue = 0m;
        for (var i = 0; i < _held.Count; i++)
        {
            var (p, mark) = _held[i];
            marketValue += p.Quantity * LastPrice(p.AveragePrice, mark);
        }
        return Cash + marketValue;
    }

    /// <summary>The <see cref="Portfolio.PortfolioSnapshot.Exposure"/> of a snapshot of <see cref="ToAccount"/> (the absolute
    /// market values of the positions, summed in the same order), without building the account.</summary>
    public decimal Exposure()
    {
        var exposure = 0m;
        for (var i = 0; i < _held.Count; i++)
        {
            var (p, mark) = _held[i];
            exposure += Math.Abs(p.Quantity * LastPrice(p.AveragePrice, mark));
        }
        return exposure;
    }

    /// <summary>The last price <see cref="ToAccount"/> gives a held position: its symbol's last close, or its average price
    /// before any mark.</summary>
    public static decimal LastPrice(decimal averagePrice, MarkCell mark) => mark.HasMark ? mark.Mark.Close : averagePrice;

    /// <summary>The last price of the position in <paramref name="symbol"/> as <see cref="ToAccount"/> lists it; 0 when flat.</summary>
    public decimal HeldLastPrice(string symbol) =>
        _positions.TryGetValue(symbol, out var p) && p.Quantity != 0m ? LastPrice(p.AveragePrice, CellOf(symbol)) : 0m;

    /// <summary>The shares held of <paramref name="symbol"/> and their average price, as <see cref="ToAccount"/> reports the
    /// position (0 and 0 when flat).</summary>
    public (decimal Quantity, decimal AveragePrice) Holding(string symbol) =>
        _positions.TryGetValue(symbol, out var p) && p.Quantity != 0m ? (p.Quantity, p.AveragePrice) : (0m, 0m);

    /// <summary>The account: held positions (flat ones left out) marked at the last close, or at their average price before any mark.</summary>
    public BrokerAccount ToAccount()
    {
        var positions = new Position[_held.Count];
        var marketValue = 0m;
        for (var i = 0; i < positions.Length; i++)
        {
            var (p, mark) = _held[i];
            var position = new Position(p.Symbol, p.Quantity, p.AveragePrice, LastPrice(p.AveragePrice, mark), p.RealizedPnl, p.OpenCommission);
            positions[i] = position;
            marketValue += position.MarketValue;
        }
        return new BrokerAccount(Cash, Cash + marketValue, positions, RealizedPnl);
    }
}

/// <summary>A symbol's last bar time and close, as the book keeps it (the ledger's <see cref="PaperMark"/>, by value).</summary>
internal readonly record struct Mark(DateTime BarTime, decimal Close);

/// <summary>Where the book keeps one symbol's mark: empty until its first bar, then replaced at each bar.</summary>
internal sealed class MarkCell
{
    public bool HasMark { get; private set; }

    /// <summary>The mark; only meaningful when <see cref="HasMark"/>.</summary>
    public Mark Mark { get; private set; }

    public Mark? Current => HasMark ? Mark : null;

    public void Set(Mark mark)
    {
        Mark = mark;
        HasMark = true;
    }
}
