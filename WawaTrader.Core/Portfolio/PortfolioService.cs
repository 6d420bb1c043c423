using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Portfolio;

/// <summary>
/// Builds <see cref="PortfolioSnapshot"/>s from the broker's account and the journal, and tracks the market day:
/// the equity at the first refresh of each New York day is that day's starting equity (for the daily-loss rule). The day survives
/// a restart: at the first refresh the journal's latest <see cref="PerformanceSnapshot"/> gives the market day it was taken in and
/// that day's starting equity (its equity less its day P&amp;L), used again if the agent is still in that day. Today's order count
/// is always read from the journal (orders whose bar time is in the day), so it needs nothing of its own.
/// </summary>
public sealed class PortfolioService(IBroker broker, IDecisionJournal journal, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateOnly _marketDay;
    private (DateOnly Date, DateTime StartUtc, DateTime EndUtc) _day;
    private decimal _dayStartEquity;
    private PortfolioSnapshot? _latest;
    private (DateOnly Date, decimal DayStartEquity)? _recordedDay;
    private bool _dayRead;

    /// <summary>The last snapshot built, or null before the first refresh.</summary>
    public PortfolioSnapshot? Latest => _latest;

    /// <summary>Reads the account and today's order count as of <paramref name="marketTime"/> (UTC).</summary>
    public Task<PortfolioSnapshot> RefreshAsync(DateTime marketTime, CancellationToken cancellationToken) =>
        RefreshAsync(marketTime, null, cancellationToken);

    /// <summary>Reads the account, today's order count and the open buy orders as of <paramref name="marketTime"/> (UTC);
    /// pending buys are marked at <paramref name="lastPrices"/> (else at the held position's last price).</summary>
    public async Task<PortfolioSnapshot> RefreshAsync(DateTime marketTime, IReadOnlyDictionary<string, decimal>? lastPrices, CancellationToken cancellationToken)
    {
        var account = await broker.GetAccountAsync(cancellationToken);
        if (!Volatile.Read(ref _dayRead)) await ReadRecordedDayAsync(cancellationToken);
        var (dayStart, dayStartUtc) = MarketDay(marketTime, account.Equity);
        var tradesToday = await journal.CountOrdersSinceAsync(dayStartUtc, cancellationToken);
        var open = await journal.GetOpenOrdersAsync(cancellationToken);
        return Complete(account, dayStart, tradesToday, open, lastPrices);
    }

    /// <summary>Reads the market day of the latest recorded snapshot and that day's starting equity (once).</summary>
    private async Task ReadRecordedDayAsync(CancellationToken cancellationToken)
    {
        var latest = await journal.GetSnapshotsAsync(null, 1, cancellationToken);
        lock (_gate)
        {
            if (_dayRead) return;
            if (latest.Count > 0) _recordedDay = (MarketClock.NewYorkDate(latest[^1].MarketTime), latest[^1].Equity - latest[^1].DayPnl);
            Volatile.Write(ref _dayRead, true);
        }
    }

    /// <summary>The starting equity and first instant (UTC) of the New York day of <paramref name="marketTime"/>; the first call
    /// of a new day takes <paramref name="equity"/> as that day's start, unless it is the recorded day read at start-up, whose start is kept. (Shared by <see cref="RefreshAsync(DateTime, IReadOnlyDictionary{string, decimal}?, CancellationToken)"/>
    /// and a backtest's synchronous cycle.)</summary>
    internal (decimal DayStartEquity, DateTime DayStartUtc) MarketDay(DateTime marketTime, decimal equity)
    {
        lock (_gate)
        {
            // The New York day is converted once per day, not at every refresh.
            if (!(marketTime >= _day.StartUtc && marketTime < _day.EndUtc)) _day = MarketClock.NewYorkDay(marketTime);
            if (_day.Date != _marketDay)
            {
                _marketDay = _day.Date;
                _dayStartEquity = _recordedDay is { } recorded && recorded.Date == _marketDay ? recorded.DayStartEquity : equity;
            }
            return (_dayStartEquity, _day.StartUtc);
        }
    }

    /// <summary>The snapshot from the account, the day's start, today's order count and the open orders; it becomes <see cref="Latest"/>.</summary>
    internal PortfolioSnapshot Complete(BrokerAccount account, decimal dayStart, int tradesToday, IReadOnlyList<OrderRecord> open,
        IReadOnlyDictionary<string, decimal>? lastPrices)
    {
        var snapshot = new PortfolioSnapshot(time.GetUtcNow().UtcDateTime, account.Cash, account.Equity, account.Positions, dayStart, tradesToday, account.RealizedPnl)
        {
            PendingBuys = open.Count == 0 ? [] : PendingBuys(open, lastPrices, HeldLastPrices(account)),
        };
        _latest = snapshot;
        return snapshot;
    }

    /// <summary>The open buys summed per symbol, in the order each symbol's first open buy appears, each marked at
    /// <paramref name="lastPrices"/> (else at <paramref name="heldLastPrice"/>: the held position's last price, 0 when flat).
    /// (Shared by the snapshot and a backtest's synchronous cycle, which reads held prices from its paper book.)</summary>
    internal static IReadOnlyList<PendingBuy> PendingBuys(IReadOnlyList<OrderRecord> open, IReadOnlyDictionary<string, decimal>? lastPrices,
        Func<string, decimal> heldLastPrice)
    {
        if (open.Count == 0) return [];
        List<PendingBuy>? pending = null;
        for (var i = 0; i < open.Count; i++)
        {
            var order = open[i];
            if (order.Side != OrderSide.Buy) continue;
            pending ??= [];
            var at = -1;
            for (var j = 0; j < pending.Count && at < 0; j++)
                if (pending[j].Symbol == order.Symbol) at = j;
            if (at < 0) pending.Add(new PendingBuy(order.Symbol, order.Quantity, PriceOf(order.Symbol, lastPrices, heldLastPrice)));
            else pending[at] = pending[at] with { Quantity = pending[at].Quantity + order.Quantity };
        }
        return pending is null ? [] : pending;
    }

    private static Func<string, decimal> HeldLastPrices(BrokerAccount account) =>
        symbol => account.Positions.FirstOrDefault(p => p.Symbol == symbol)?.LastPrice ?? 0m;

    private static decimal PriceOf(string symbol, IReadOnlyDictionary<string, decimal>? lastPrices, Func<string, decimal> heldLastPrice) =>
        lastPrices is not null && lastPrices.TryGetValue(symbol, out var price) ? price : heldLastPrice(symbol);

    /// <summary>The latest snapshot, building one from the broker if the agent has not run yet.</summary>
    public async Task<PortfolioSnapshot> GetCurrentAsync(CancellationToken cancellationToken) =>
        _latest ?? await RefreshAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
}
