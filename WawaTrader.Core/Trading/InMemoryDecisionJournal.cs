using System.Runtime.CompilerServices;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Trading;

/// <summary>
/// A working, thread-safe <see cref="IDecisionJournal"/> kept in memory: the journal of backtests (one per run, dropped
/// with it) and of tests that do not care about the database. Orders are stored apart from their decisions (as the
/// database does), so <see cref="UpdateOrderAsync"/> is seen by every later read of the decision. Recording a decision
/// and reading the open orders cost O(1) and O(open orders), so a backtest of many bars stays linear.
/// </summary>
public sealed class InMemoryDecisionJournal : IDecisionJournal
{
    private static readonly Task<IReadOnlyList<OrderRecord>> NoOrders = Task.FromResult<IReadOnlyList<OrderRecord>>([]);
    private readonly Lock _gate = new();
    private readonly List<DecisionRecord> _decisions = [];
    private readonly HashSet<Guid> _decisionIds = [];
    private readonly Dictionary<string, OrderRecord> _orders = [];
    private readonly List<string> _orderSequence = [];
    // _barTimeMax[i]: the latest BarTime among orders 0..i, so counting orders since a time stops at the first older stretch.
    private readonly List<DateTime> _barTimeMax = [];
    // The open orders as they now stand, in recording order (kept in step with _orders), so reading them looks nothing up.
    private readonly List<OrderRecord> _openOrders = [];
    private readonly List<PerformanceSnapshot> _snapshots = [];

    /// <summary>Whether decisions that sent no order and performance snapshots are kept (true). A backtest, which reads only the
    /// orders and keeps its own equity curve, turns it off so a long run does not hold every bar's decision in memory; such
    /// decisions are then neither stored nor checked for duplicate ids.</summary>
    public bool KeepsEverything { get; init; } = true;

    /// <summary>Every order recorded, in the order recorded, as it stands now (status and fills updated).</summary>
    public IReadOnlyList<OrderRecord> AllOrders()
    {
        lock (_gate)
        {
            var orders = new OrderRecord[_orderSequence.Count];
            for (var i = 0; i < orders.Length; i++) orders[i] = _orders[_orderSequence[i]];
            return orders;
        }
    }

    public Task RecordDecisionAsync(DecisionRecord decision, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Record(decision);
        return Task.CompletedTask;
    }

    /// <summary><see cref="RecordDecisionAsync"/> without a task (the backtest's synchronous cycle).</summary>
    internal void Record(DecisionRecord decision)
    {
        if (decision.Order is null && !KeepsEverything) return;
        lock (_gate)
        {
            if (_decisionIds.Contains(decision.Id))
                throw new InvalidOperationException($"Decision {decision.Id} is already recorded.");
            if (decision.Order is { } order)
            {
                if (order.DecisionId != decision.Id)
                    throw new InvalidOperationException($"Order {order.ClientOrderId} belongs to decision {order.DecisionId}, not {decision.Id}.");
                if (!_orders.TryAdd(order.ClientOrderId, order))
                    throw new InvalidOperationException($"Order {order.ClientOrderId} is already recorded.");
                _orderSequence.Add(order.ClientOrderId);
                _barTimeMax.Add(_barTimeMax.Count == 0 || order.BarTime > _barTimeMax[^1] ? order.BarTime : _barTimeMax[^1]);
                if (order.IsOpen) _openOrders.Add(order);
            }
            _decisionIds.Add(decision.Id);
            _decisions.Add(decision);
        }
    }

    public Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Update(order);
        return Task.CompletedTask;
    }

    /// <summary><see cref="UpdateOrderAsync"/> without a task (the backtest's synchronous cycle).</summary>
    internal void Update(OrderRecord order)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(order.ClientOrderId, out var before))
                throw new InvalidOperationException($"Order {order.ClientOrderId} was never recorded.");
            _orders[order.ClientOrderId] = order;
            if (order.BarTime != before.BarTime) RebuildBarTimeMax();
            if (before.IsOpen && order.IsOpen) _openOrders[OpenIndexOf(before)] = order;
            else if (before.IsOpen) _openOrders.RemoveAt(OpenIndexOf(before));
            else if (order.IsOpen) InsertOpen(order);
        }
    }

    public Task<IReadOnlyList<OrderRecord>> GetOpenOrdersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var open = OpenOrders();
        return open.Count == 0 ? NoOrders : Task.FromResult(open);
    }

    /// <summary>Whether any recorded order is open (the backtest's synchronous cycle: one thread, so read without the lock).</summary>
    internal bool HasOpenOrders => _openOrders.Count > 0;

    /// <summary><see cref="GetOpenOrdersAsync"/> without a task (the backtest's synchronous cycle).</summary>
    internal IReadOnlyList<OrderRecord> OpenOrders()
    {
        lock (_gate)
        {
            if (_openOrders.Count == 0) return [];
            var open = new List<OrderRecord>(_openOrders.Count);
            var sorted = true;
            foreach (var order in _openOrders)
            {
                if (open.Count > 0 && order.SubmittedAt < open[^1].SubmittedAt) sorted = false;
                open.Add(order);
            }
            // Oldest submission first; among equal times, the order recorded first (a stable sort, as before). Orders are
            // usually recorded in submission order already, so the sort is rarely needed.
            return sorted ? open : open.OrderBy(o => o.SubmittedAt).ToList();
        }
    }

    public Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(string? symbol, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Newest first; among equal times the later recorded first.
            var result = Enumerable.Range(0, _decisions.Count).Reverse()
                .Select(i => _decisions[i])
                .Where(d => symbol is null || string.Equals(d.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(d => d.Time)
                .Take(Math.Max(0, limit))
                .Select(WithCurrentOrder)
                .ToList();
            return Task.FromResult<IReadOnlyList<DecisionRecord>>(result);
        }
    }

    public Task<DecisionRecord?> GetDecisionAsync(Guid id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var decision = _decisions.Find(d => d.Id == id);
            return Task.FromResult(decision is null ? null : WithCurrentOrder(decision));
        }
    }

    public Task<IReadOnlyList<TradeRecord>> GetTradesAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var trades = _orders.Values
                .SelectMany(o => o.Fills.Select(f => new TradeRecord(o.ClientOrderId, o.DecisionId, o.Symbol, o.Side, f.Quantity, f.Price, f.Commission, f.Time)))
                .OrderByDescending(t => t.Time)
                .Take(Math.Max(0, limit))
                .ToList();
            return Task.FromResult<IReadOnlyList<TradeRecord>>(trades);
        }
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Market.RecordedBar>>> GetDecidedClosesAsync(DateTime marketTimeFrom, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var decided = _decisions.Where(d => d.BarTime >= marketTimeFrom)
                .Select(d => (d.Symbol, Bar: new Market.RecordedBar(d.BarTime, d.Indicators.Close)));
            return Task.FromResult(DecidedCloses.Group(decided));
        }
    }

    public Task<int> CountOrdersSinceAsync(DateTime marketTimeFrom, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CountOrdersSince(marketTimeFrom));
    }

    /// <summary><see cref="CountOrdersSinceAsync"/> without a task (the backtest's synchronous cycle).</summary>
    internal int CountOrdersSince(DateTime marketTimeFrom)
    {
        lock (_gate)
        {
            var count = 0;
            // Newest first; once every order up to i is older than the start, none before it counts.
            for (var i = _orderSequence.Count - 1; i >= 0 && _barTimeMax[i] >= marketTimeFrom; i--)
            {
                var order = _orders[_orderSequence[i]];
                if (order.BarTime >= marketTimeFrom && order.Status != OrderStatus.Rejected) count++;
            }
            return count;
        }
    }

    public Task RecordSnapshotAsync(PerformanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!KeepsEverything) return Task.CompletedTask;
        lock (_gate) _snapshots.Add(snapshot);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PerformanceSnapshot>> GetSnapshotsAsync(DateTime? from, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var matching = _snapshots.Where(s => from is null || s.Time >= from).OrderBy(s => s.Time).ToList();
            var newest = matching.Skip(Math.Max(0, matching.Count - Math.Max(0, limit))).ToList();
            return Task.FromResult<IReadOnlyList<PerformanceSnapshot>>(newest);
        }
    }

    public Task<DecisionPage> QueryDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
            var symbol = string.IsNullOrWhiteSpace(query.Symbol) ? null : query.Symbol.Trim();
            var matching = Enumerable.Range(0, _decisions.Count).Reverse()
                .Select(i => _decisions[i])
                .Where(d => symbol is null || string.Equals(d.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
                .Where(d => query.Action is null || d.Action == query.Action)
                .Where(d => query.Approved is null || d.Approved == query.Approved)
                .Where(d => query.Source is null || d.Source == query.Source)
                .Where(d => query.From is null || d.Time >= query.From)
                .Where(d => query.To is null || d.Time < query.To)
                .Where(d => text is null || d.Reasoning.Contains(text, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(d => d.Time)
                .ToList();
            var page = matching.Skip(query.Skip).Take(query.EffectivePageSize).Select(WithCurrentOrder).ToList();
            return Task.FromResult(new DecisionPage(page, matching.Count));
        }
    }

    public async IAsyncEnumerable<DecisionRecord> StreamDecisionsAsync(
        DateTime? from, DateTime? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<DecisionRecord> matching;
        lock (_gate)
            matching = _decisions.Where(d => (from is null || d.Time >= from) && (to is null || d.Time < to))
                .OrderBy(d => d.Time).Select(WithCurrentOrder).ToList();
        foreach (var decision in matching)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return decision;
        }
    }

    public async IAsyncEnumerable<TradeRecord> StreamTradesAsync(
        DateTime? from, DateTime? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<TradeRecord> matching;
        lock (_gate)
            matching = _orders.Values
                .Where(o => (from is null || o.SubmittedAt >= from) && (to is null || o.SubmittedAt < to))
                .SelectMany(o => o.Fills.Select(f => new TradeRecord(o.ClientOrderId, o.DecisionId, o.Symbol, o.Side, f.Quantity, f.Price, f.Commission, f.Time)))
                .OrderBy(t => t.Time)
                .ToList();
        foreach (var trade in matching)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return trade;
        }
    }

    public async IAsyncEnumerable<PerformanceSnapshot> StreamSnapshotsAsync(
        DateTime? from, DateTime? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<PerformanceSnapshot> matching;
        lock (_gate)
            matching = _snapshots.Where(s => (from is null || s.Time >= from) && (to is null || s.Time < to)).OrderBy(s => s.Time).ToList();
        foreach (var snapshot in matching)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return snapshot;
        }
    }

    private void RebuildBarTimeMax()
    {
        var max = DateTime.MinValue;
        for (var i = 0; i < _orderSequence.Count; i++)
        {
            var time = _orders[_orderSequence[i]].BarTime;
            if (i == 0 || time > max) max = time;
            _barTimeMax[i] = max;
        }
    }

    /// <summary>Puts an order that became open again back among the open ones, in recording order.</summary>
    private void InsertOpen(OrderRecord order)
    {
        var rank = _orderSequence.IndexOf(order.ClientOrderId);
        var at = 0;
        while (at < _openOrders.Count && _orderSequence.IndexOf(_openOrders[at].ClientOrderId) < rank) at++;
        _openOrders.Insert(at, order);
    }

    /// <summary>Where <paramref name="order"/> (the record itself, as stored) is among the open orders.</summary>
    private int OpenIndexOf(OrderRecord order)
    {
        for (var i = 0; i < _openOrders.Count; i++)
            if (ReferenceEquals(_openOrders[i], order)) return i;
        throw new InvalidOperationException($"Order {order.ClientOrderId} is open but missing from the open orders.");
    }

    private DecisionRecord WithCurrentOrder(DecisionRecord decision) =>
        decision.Order is { } order && _orders.TryGetValue(order.ClientOrderId, out var current)
            ? decision with { Order = current }
            : decision;
}
