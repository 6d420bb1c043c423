using System.Globalization;
using System.Runtime.CompilerServices;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The trading cycle's sequence, step for step, for a backtest whose analyst is pure computation
/// (<see cref="ISynchronousAnalyst"/>: the technical analyst, <c>sma-cross</c>): nothing in it waits, so it runs as plain calls.
/// Per step, as <see cref="TradingCycle"/> does: each symbol with a bar at this time (in request order) feeds its streaming
/// indicators and the paper broker (which fills the symbol's open orders at the bar's open and marks it at the close); the
/// journal's open orders are brought up to date with the broker; the portfolio is read; every updated symbol is analysed
/// against that portfolio; then one at a time each is sized, judged by the risk manager, recorded, and its order submitted,
/// the portfolio read again after every order. It calls the very same parts the live cycle calls —
/// <see cref="TradingCycle.ContextFor"/> and <see cref="TradingCycle.Decide"/> (sizing, the five risk rules, the decision
/// record; in a run that keeps only orders <see cref="TradingCycle.JudgeQuietly"/>, then <see cref="TradingCycle.Record"/> when approved,
/// so a refusal ends at its verdict, the rules reading <see cref="RiskPortfolio"/> figures taken straight from the paper book),
/// <see cref="PaperBroker"/>'s fill and submission cores, <see cref="PortfolioService"/>'s day tracking, snapshot and pending buys,
/// <see cref="InMemoryDecisionJournal"/> — only without tasks, locks or events. Tests hold it to the same trades, equity and
/// metrics as a backtest driven through <see cref="TradingCycle"/> itself. One run, one thread.
/// </summary>
internal sealed class SynchronousCycle
{
    private readonly HistoricalMarket _market;
    private readonly ISynchronousAnalyst _analyst;
    private readonly PositionSizer _sizer;
    private readonly RiskManager _risk;
    private readonly PaperBroker _broker;
    private readonly InMemoryDecisionJournal _journal;
    private readonly PortfolioService _portfolio;
    private readonly TradingOptions _settings;
    private readonly TimeProvider _clock;
    private readonly SequentialDecisionIds _ids;
    private readonly bool _explain;
    private readonly SymbolFeed[] _feeds;
    private readonly string[] _symbols;
    private readonly LastCloses _lastPrices;
    private readonly List<int> _updated;
    private readonly List<SymbolAnalysis> _analyses;
    private readonly List<PendingDecision> _quiet;
    // Each symbol's position (shares, average price) as the broker holds it, refreshed whenever one of its orders executes.
    private readonly (decimal Quantity, decimal AveragePrice)[] _holdings;
    // Each symbol's mark cell in the paper broker's book (the book is the run's, never replaced).
    private readonly MarkCell[] _marks;
    // The broker's read of a held position's last price, for pricing pending buys as a snapshot does (made once).
    private readonly Func<string, decimal> _heldLastPrice;
    // The latest time of any bar accepted so far: the largest LastBar time of the feeds (each feed's only grows).
    private DateTime _latestBarTime = DateTime.MinValue;

    public SynchronousCycle(HistoricalMarket market, ISynchronousAnalyst analyst, PositionSizer sizer, RiskManager risk, PaperBroker broker,
        InMemoryDecisionJournal journal, PortfolioService portfolio, TradingOptions settings, TimeProvider clock, SequentialDecisionIds ids, bool explain)
    {
        (_market, _analyst, _sizer, _risk, _broker, _journal, _portfolio, _settings, _clock, _ids, _explain) =
            (market, analyst, sizer, risk, broker, journal, portfolio, settings, clock, ids, explain);
        _feeds = new SymbolFeed[market.Symbols.Count];
        _symbols = [.. market.Symbols];
        var byName = new Dictionary<string, SymbolFeed>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _feeds.Length; i++) byName[market.Symbols[i]] = _feeds[i] = new SymbolFeed();
        _lastPrices = new LastCloses(byName);
        _updated = new List<int>(_feeds.Length);
        _analyses = new List<SymbolAnalysis>(_feeds.Length);
        _quiet = new List<PendingDecision>(_feeds.Length);
        _holdings = new (decimal, decimal)[_feeds.Length];
        _marks = Array.ConvertAll(_symbols, broker.MarkCellNow);
        _heldLastPrice = broker.HeldLastPriceNow;
    }

    /// <summary>Every fill of the run's orders, taken as each order finishes (in the order they finish, so oldest fill first
    /// unless calendars interleave): what the journal's finished orders hold at the end, read while they are at hand.</summary>
    public List<BacktestTrade> Trades { get; } = [];

    /// <summary>What went wrong and was skipped, as the live cycle reports it ("SYMBOL: stage failed: message"), with the step time.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Runs the cycle for the market's current step; returns the account's equity after it.</summary>
    public decimal RunStep()
    {
        var now = _clock.GetUtcNow();
        Feed(now);
        Reconcile(now.UtcDateTime);
        var marketTime = MarketTime(now.UtcDateTime);
        return SkipsHolds ? RunQuietly(now, marketTime) : RunExplained(now, marketTime);
    }

    /// <summary>Each symbol with a bar at this step (in request order) feeds its indicators and the paper broker.</summary>
    private void Feed(DateTimeOffset now)
    {
        _updated.Clear();
        for (var s = 0; s < _feeds.Length; s++)
        {
            ref readonly var bar = ref _market.CurrentBarOrNull(s);
            if (Unsafe.IsNullRef(in bar)) continue;
            var feed = _feeds[s];
            if (feed.LastTime is { } last && bar.Time <= last) continue;
            feed.LastTime = bar.Time;
            if (!TryAdd(feed, bar, now, s)) continue;
            feed.LastBar = bar;
            if (bar.Time > _latestBarTime) _latestBarTime = bar.Time;
            // The close converted once by the market for all its readers (none when it is not a price: the broker ignores the bar).
            var executed = _broker.OnBarNow(_marks[s], _symbols[s], bar, _market.TryGetCurrentClosePrice(s, out var close) ? close : null);
            // A position changes only when one of its symbol's orders executes at a bar (submitting changes no position).
            if (executed > 0) _holdings[s] = _broker.HoldingNow(_symbols[s]);
            if (!_settings.MarketHoursOnly || Market.MarketClock.IsRegularSession(bar.Time)) _updated.Add(s);
        }
    }

    /// <summary>Feeds the bar to the symbol's indicators; a bar they refuse is skipped with its reason (as the live cycle does).</summary>
    private bool TryAdd(SymbolFeed feed, in Market.Bar bar, DateTimeOffset now, int s)
    {
        try
        {
            feed.Indicators.Add(bar);
            return true;
        }
        catch (InvalidBarSeriesException ex)
        {
            Fail(now, _symbols[s], $"bar {bar.Time:O} skipped", ex);
            return false;
        }
    }

    /// <summary>The step as the live cycle runs it, every decision recorded with its snapshot and reasoning.</summary>
    private decimal RunExplained(DateTimeOffset now, DateTime marketTime)
    {
        var portfolio = Refresh(marketTime);
        _analyses.Clear();
        foreach (var s in _updated)
        {
            var symbol = _symbols[s];
            var id = _ids.Next(now);
            var feed = _feeds[s];
            try
            {
                var snapshot = feed.Indicators.ToSnapshot();
                var proposal = _analyst.Analyze(TradingCycle.ContextFor(symbol, snapshot, portfolio, id, _explain));
                _analyses.Add(new SymbolAnalysis(symbol, id, now.UtcDateTime, feed.LastBar!.Value, snapshot, proposal, null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(now, symbol, "decision", ex);
            }
        }

        foreach (var analysis in _analyses)
        {
            try
            {
                var decision = TradingCycle.Decide(_sizer, _risk, analysis, portfolio, _settings.PositionSizePct, _explain, now.UtcDateTime);
                _journal.Record(decision);
                if (decision.Order is not { } order) continue;
                var atBroker = _broker.SubmitNow(new OrderRequest(order.ClientOrderId, order.Symbol, order.Side, order.Quantity) { Type = order.Type, LimitPrice = order.LimitPrice });
                Updated(order, TradingCycle.Apply(order, atBroker));
                portfolio = Refresh(marketTime);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(now, analysis.Symbol, "decision", ex);
            }
        }
        return portfolio.Equity;
    }

    /// <summary>
    /// The same step for a run that keeps only orders (a technical-only backtest), doing only work whose result is kept. The
    /// analyst's quiet entry sees each symbol's position straight from the broker (what the portfolio would list), and a Hold
    /// ends there (as a value: nothing is allocated); the figures the risk rules read (<see cref="RiskPortfolio"/>) are taken
    /// from the book and the journal only when some proposal needs judging, without building a snapshot; a buy the risk manager
    /// would certainly refuse ends before its order is made, and any refused proposal ends at its verdict (the journal would drop
    /// its record); after an order only today's count and the pending buys are read again (submitting changes nothing else).
    /// Equity and the market day are read as the live cycle's refresh reads them, so the run's decisions, orders and equity are
    /// the same (tests hold it to the live cycle's).
    /// </summary>
    private decimal RunQuietly(DateTimeOffset now, DateTime marketTime)
    {
        var equity = _broker.EquityNow();
        var (dayStart, dayStartUtc) = _portfolio.MarketDay(marketTime, equity);
        _quiet.Clear();
        foreach (var s in _updated)
        {
            // Every analysis takes its number in the sequence, as the live cycle's ids do; the id itself is made only if kept.
            var number = _ids.Reserve();
            try
            {
                var (quantity, averagePrice) = _holdings[s];
                if (_analyst.ProposeQuietly(_symbols[s], _feeds[s].Indicators.Current, quantity, averagePrice) is { } proposal)
                    _quiet.Add(new PendingDecision(s, number, proposal));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(now, _symbols[s], "decision", ex);
            }
        }
        if (_quiet.Count == 0) return equity;

        // What the risk rules read of the portfolio, straight from the book and the journal (a snapshot would say the same).
        // Submitting an order changes only the open orders and today's count, never cash, positions or marks.
        var exposure = _broker.ExposureNow();
        var tradesToday = _journal.CountOrdersSince(dayStartUtc);
        var pending = PendingBuys();
        foreach (var (s, number, proposal) in _quiet)
        {
            var symbol = _symbols[s];
            try
            {
                var feed = _feeds[s];
                var bar = feed.LastBar!.Value;
                // The close as the market converted it for this step's marks ((decimal)close, once for all readers).
                var close = _market.TryGetCurrentClosePrice(s, out var converted) ? converted : (decimal)bar.Close;
                var portfolio = RiskFigures(s, equity, dayStart, tradesToday, exposure, pending);
                var (proposed, approved) = TradingCycle.JudgeQuietly(_risk, symbol, proposal, portfolio, close, _settings.PositionSizePct);
                if (approved is not { } verdict || proposed is null) continue;
                var analysis = new SymbolAnalysis(symbol, SequentialDecisionIds.IdFor(now, number), now.UtcDateTime, bar, feed.Indicators.ToSnapshot(), proposed.Proposal, null);
                var decision = TradingCycle.Record(analysis, proposed, verdict, now.UtcDateTime);
                _journal.Record(decision);
                if (decision.Order is not { } order) continue;
                var atBroker = _broker.SubmitNow(new OrderRequest(order.ClientOrderId, order.Symbol, order.Side, order.Quantity) { Type = order.Type, LimitPrice = order.LimitPrice });
                Updated(order, TradingCycle.Apply(order, atBroker));
                tradesToday = _journal.CountOrdersSince(dayStartUtc);
                pending = PendingBuys();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(now, symbol, "decision", ex);
            }
        }
        return equity;
    }

    /// <summary>The figures the risk rules read for an order in symbol <paramref name="s"/>, as
    /// <see cref="RiskPortfolio.Of"/> reads them from a snapshot of the same account: the held position is the one the analyst saw
    /// (refreshed at every execution), at the last price the account would list.</summary>
    private RiskPortfolio RiskFigures(int s, decimal equity, decimal dayStart, int tradesToday, decimal exposure, IReadOnlyList<PendingBuy> pending)
    {
        var (quantity, averagePrice) = _holdings[s];
        decimal value = 0m, lastPrice = 0m;
        if (quantity != 0m)
        {
            lastPrice = PaperBook.LastPrice(averagePrice, _marks[s]);
            value = Math.Abs(quantity * lastPrice);
        }
        return RiskPortfolio.For(_symbols[s], equity, dayStart, tradesToday, exposure, pending, quantity, value, lastPrice);
    }

    /// <summary>The journal's open buys as a snapshot lists them (none when no order is open).</summary>
    private IReadOnlyList<PendingBuy> PendingBuys() =>
        _journal.HasOpenOrders ? PortfolioService.PendingBuys(_journal.OpenOrders(), _lastPrices, _heldLastPrice) : [];

    /// <summary>A proposal of the quiet entry waiting for sizing and risk: the symbol's index, its decision's number in the id
    /// sequence and the proposal.</summary>
    private readonly record struct PendingDecision(int Symbol, long Number, QuietProposal Proposal);

    /// <summary>The journal's open orders as the broker now has them (filled, or refused at the fill).</summary>
    private void Reconcile(DateTime now)
    {
        if (!_journal.HasOpenOrders) return;
        var open = _journal.OpenOrders();
        for (var i = 0; i < open.Count; i++)
            if (TradingCycle.Reconciled(open[i], _broker.FindNow(open[i].ClientOrderId), atStartUp: false, now) is { } updated) Updated(open[i], updated);
    }

    /// <summary>Records <paramref name="after"/> in the journal; an order that finishes here adds its fills to <see cref="Trades"/>.</summary>
    private void Updated(OrderRecord before, OrderRecord after)
    {
        _journal.Update(after);
        if (!before.IsOpen || after.IsOpen) return;
        for (var f = 0; f < after.Fills.Count; f++)
        {
            var fill = after.Fills[f];
            Trades.Add(new BacktestTrade(after.Symbol, after.Side, fill.Quantity, fill.Price, fill.Commission, fill.Time));
        }
    }

    /// <summary>A Hold sends nothing, and a journal that keeps only orders would drop its record at once: such a run does not
    /// carry Holds past the analysis.</summary>
    private bool SkipsHolds => !_explain && !_journal.KeepsEverything;

    private PortfolioSnapshot Refresh(DateTime marketTime)
    {
        var account = _broker.AccountNow();
        var (dayStart, dayStartUtc) = _portfolio.MarketDay(marketTime, account.Equity);
        return _portfolio.Complete(account, dayStart, _journal.CountOrdersSince(dayStartUtc), _journal.OpenOrders(), _lastPrices);
    }

    /// <summary>The market time of the step: the latest bar any symbol has accepted (as the live cycle takes it from its
    /// feeds), or <paramref name="now"/> before the first.</summary>
    private DateTime MarketTime(DateTime now) => _latestBarTime == DateTime.MinValue ? now : _latestBarTime;

    private void Fail(DateTimeOffset now, string symbol, string stage, Exception ex) =>
        Failures.Add(string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyy-MM-dd HH:mm}: {symbol}: {stage} failed: {ex.Message}"));
}
