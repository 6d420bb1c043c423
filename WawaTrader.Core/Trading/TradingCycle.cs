using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Concurrency;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Trading;

/// <summary>
/// One pass of the agent over the watchlist: market → indicators → analyst → sizing → risk → record → broker → record → publish.
/// A symbol is decided at most once per new bar, also across a restart: the history a symbol is first loaded with is decided on
/// only if its last bar is after the symbol's bar in the <see cref="ResumePoint"/> (when a resume source is given). Indicators are streaming (<see cref="IndicatorState"/>, O(1) per bar):
/// a tick never recomputes history. One failing symbol is logged and published and never stops the others; a bar the
/// indicators refuse (NaN price, high below low, ...) is skipped with that reason, and the symbol goes on with the next one.
/// While the agent halts new orders only (<see cref="AgentControl.HaltOrders"/>, a broker outage) the cycle still analyses
/// and records every decision, but an order it would send is recorded as not sent (refused by the
/// <see cref="RiskRules.OrdersHalted"/> check, "not sent: reason"); the broker is neither asked to reconcile orders nor sent one,
/// and the portfolio is the last one read when the broker's account cannot be.
/// The live agent keeps the decisions without an order behind the cycle (<see cref="RecordsBehind"/>, with every invariant of
/// waiting for them); a backtest waits for them within the cycle.
/// Not re-entrant: the hosted service (or a backtest) calls <see cref="RunOnceAsync"/> from one loop.
/// </summary>
public sealed class TradingCycle(
    IMarketData market,
    IAnalyst analyst,
    PositionSizer sizer,
    RiskManager riskManager,
    IBroker broker,
    IDecisionJournal journal,
    PortfolioService portfolioService,
    AgentEventHub hub,
    IOptionsMonitor<TradingOptions> options,
    TimeProvider time,
    ILogger<TradingCycle> logger,
    IResumePointSource? resume = null,
    // Observability, optional (a backtest passes neither): the agent's instruments and the market freshness health reads.
    TradingMetrics? metrics = null,
    MarketFreshness? freshness = null,
    // The agent's state, optional (a backtest passes none): while it halts new orders only, decisions are recorded as not sent.
    AgentControl? agent = null,
    // The live agent keeps its decisions without an order behind the cycle (see RecordsBehind); a backtest and tests wait for them.
    bool recordsBehind = false)
{
    private readonly Dictionary<string, SymbolFeed> _feeds = new(StringComparer.OrdinalIgnoreCase);
    // The last accepted close of each symbol (pending buys are marked at it), read from the feeds when asked.
    private LastCloses? _lastPrices;
    private readonly AsyncGate _exclusive = new();
    private static readonly RiskVerdict UnexplainedHold = new(false, []);
    private bool _reconciledAtStart;
    // The keeping and publishing of the decisions (and the snapshot) the last cycle left behind; never faults.
    private Task _behind = Task.CompletedTask;
    private ResumePoint _resumePoint = ResumePoint.None;
    // A market that keeps failing is logged once, summarised per minute and logged once when every symbol loads again: never a
    // line (or a stack trace) per symbol and tick. Each failure is still published, so the dashboard and the alerts see it.
    private readonly OutageTracker _marketOutage = new(time);

    /// <summary>Whether each decision carries the analyst's reasoning and the risk checks' reasons (true: the live agent always
    /// explains). A technical-only backtest, which keeps only the numbers, turns it off: the decisions and orders are the same,
    /// reasons are empty, and a Hold (never approved) is recorded without the risk checks that would only describe the portfolio.</summary>
    public bool ExplainDecisions { get; init; } = true;

    /// <summary>Makes a decision's id from its time: a version-7 GUID (random bits from the operating system) by default; a
    /// backtest uses a deterministic sequence, so a run repeats bit for bit and never waits on the system's random source.</summary>
    public Func<DateTimeOffset, Guid> NewDecisionId { get; init; } = Guid.CreateVersion7;

    /// <summary>
    /// Whether the decisions without an order (and the cycle's performance snapshot) are kept behind the cycle: the cycle ends once
    /// they are queued in the journal, in order, and they are published as each is kept, while the next bar is awaited. Every
    /// invariant of waiting for them holds: a decision with an order is kept, after everything decided before it, before the order is
    /// sent (the cycle waits for the queued ones first); nothing is published (nor visible through the journal) before it is kept, so
    /// a process killed meanwhile loses only decisions nobody was shown, and the resume point (read from the journal) has their bars
    /// decided again, once; a decision the journal refuses is reported as a failure of its symbol (logged and published). Bounded: a
    /// cycle starts only once the previous one's records are kept, so at most one cycle's are in flight (backpressure on a slow
    /// database). The live agent keeps them behind; a backtest and a cycle built without it wait for them within the cycle.
    /// </summary>
    public bool RecordsBehind => recordsBehind;

    /// <summary>Waits until every record the cycles left behind (<see cref="RecordsBehind"/>) is kept (or reported lost) and published;
    /// at once when none is pending. The hosted agent waits for it when it stops.</summary>
    public Task RecordsKeptAsync(CancellationToken cancellationToken) => Volatile.Read(ref _behind).WaitAsync(cancellationToken);

    /// <summary>Runs one cycle; returns what it did.</summary>
    public async Task<CycleResult> RunOnceAsync(CancellationToken cancellationToken) =>
        (await RunIfAsync(static () => true, cancellationToken))!.Value;

    /// <summary>Runs one cycle if <paramref name="condition"/> still holds once no other cycle or cancellation is in progress
    /// (the agent checks "still running" here, so a kill switch engaged mid-cycle is never followed by another cycle).
    /// Returns null when the condition did not hold.</summary>
    public async Task<CycleResult?> RunIfAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        await _exclusive.EnterAsync(cancellationToken);
        try
        {
            return condition() ? await RunCoreAsync(cancellationToken) : null;
        }
        finally
        {
            _exclusive.Exit();
        }
    }

    /// <summary>Waits for a cycle in progress to end, cancels every open order at the broker and records the outcome of each
    /// open order in the journal (published as <see cref="OrderUpdated"/>). Returns how many the broker canceled.</summary>
    public async Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken)
    {
        await _exclusive.EnterAsync(cancellationToken);
        try
        {
            var canceled = await metrics.MeasuredAsync(BrokerOperations.CancelOpenOrders, () => broker.CancelOpenOrdersAsync(cancellationToken));
            await ReconcileOrdersAsync(atStartUp: false, cancellationToken);
            return canceled;
        }
        finally
        {
            _exclusive.Exit();
        }
    }

    private async ValueTask<CycleResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await _behind; // backpressure: the previous cycle's records are kept first (it never faults)
        if (!_reconciledAtStart)
        {
            await ReconcileOrdersAsync(atStartUp: true, cancellationToken);
            if (resume is not null) _resumePoint = await resume.LoadAsync(cancellationToken);
            _reconciledAtStart = true;
        }

        var updated = new List<string>(settings.Watchlist.Length);
        var failures = 0;
        foreach (var symbol in settings.Watchlist)
        {
            try
            {
                if (await LoadNewBarsAsync(symbol, settings.HistoryBars, cancellationToken) && InSession(symbol, settings)) updated.Add(symbol);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                MarketDataFailed(symbol, ex);
            }
        }
        if (failures == 0 && _marketOutage.Succeeded() is { Notice: OutageNotice.Recovered } back) Log.MarketDataBack(logger, back.Down, back.Failures);

        if (OrdersHalted is null) await ReconcileOrdersAsync(atStartUp: false, cancellationToken);

        var marketTime = MarketTime();
        var portfolio = await RefreshPortfolioAsync(marketTime, cancellationToken);
        var decisions = 0;
        var orders = 0;
        // Analysis runs for every updated symbol at once (the model is the slow path; its own limit bounds concurrency);
        // sizing, risk and orders then go one at a time, each judged against the portfolio after the previous order.
        var analyses = await AnalyseAllAsync(updated, portfolio, cancellationToken);
        metrics?.SymbolsAnalysed(updated.Count);
        var recording = new Recording();
        foreach (var analysis in analyses)
        {
            var symbol = analysis.Symbol;
            if (analysis.Error is { } error)
            {
                failures++;
                Fail(symbol, "decision", error);
                continue;
            }
            try
            {
                var decision = await DecideAsync(analysis, portfolio, settings, recording, cancellationToken);
                if (decision is null) continue; // recording: counted once it is kept
                decisions++;
                if (decision.Order is not null)
                {
                    orders++;
                    portfolio = await RefreshPortfolioAsync(marketTime, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                Fail(symbol, "decision", ex);
            }
        }
        var now = time.GetUtcNow().UtcDateTime;
        var snapshot = new PerformanceSnapshot(now, marketTime, portfolio.Cash, portfolio.Equity, portfolio.Exposure, portfolio.DayPnl);
        if (recordsBehind)
        {
            // Those kept (or lost) before an order, and those still queued: one the journal refuses is reported as its symbol's failure.
            decisions += recording.Kept + recording.Queued.Count;
            failures += recording.Lost;
            var snapshotKept = journal.RecordSnapshotAsync(snapshot, CancellationToken.None); // queued after the decisions
            Volatile.Write(ref _behind, KeepBehindAsync(recording, snapshotKept));
        }
        else
        {
            await RecordedAsync(recording);
            decisions += recording.Kept;
            failures += recording.Lost;
            await journal.RecordSnapshotAsync(snapshot, cancellationToken);
        }
        hub.Publish(new PortfolioUpdated(now, portfolio));
        metrics?.PortfolioObserved(portfolio);
        return new CycleResult(decisions, orders, failures);
    }

    /// <summary>The halt reason while the agent halts new orders only; null otherwise.</summary>
    private string? OrdersHalted => agent is { OrdersOnlyHalt: true } halted ? halted.Reason ?? "new orders halted" : null;

    /// <summary>The portfolio from the broker; while new orders are halted (the broker may be out), the last one read if it cannot be.</summary>
    private async Task<PortfolioSnapshot> RefreshPortfolioAsync(DateTime marketTime, CancellationToken cancellationToken)
    {
        try
        {
            return await portfolioService.RefreshAsync(marketTime, _lastPrices ??= new LastCloses(_feeds), cancellationToken);
        }
        catch (Exception ex) when (OrdersHalted is not null && portfolioService.Latest is not null
            && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            return portfolioService.Latest;
        }
    }

    private async ValueTask<bool> LoadNewBarsAsync(string symbol, int historyBars, CancellationToken cancellationToken)
    {
        if (!_feeds.TryGetValue(symbol, out var feed))
        {
            feed = new SymbolFeed();
            _feeds[symbol] = feed;
            var appended = await AppendAsync(symbol, feed, await market.GetHistoryAsync(symbol, historyBars, cancellationToken), cancellationToken);
            // Decided (or at least seen) before a restart: wait for the next bar.
            return appended && !(_resumePoint.Of(symbol) is { } recorded && feed.LastBar!.Value.Time <= recorded.Time);
        }
        return await AppendAsync(symbol, feed, await market.GetBarsSinceAsync(symbol, feed.LastTime ?? DateTime.MinValue, cancellationToken), cancellationToken);
    }

    /// <summary>Feeds new bars to the symbol's indicators and the broker; a bar the indicators refuse is skipped, named, and never retried.</summary>
    private async ValueTask<bool> AppendAsync(string symbol, SymbolFeed feed, IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
    {
        var appended = false;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            if (feed.LastTime is { } last && bar.Time <= last) continue;
            feed.LastTime = bar.Time;
            try
            {
                feed.Indicators.Add(bar);
            }
            catch (InvalidBarSeriesException ex)
            {
                Fail(symbol, $"bar {bar.Time:O} skipped", ex);
                continue;
            }
            feed.LastBar = bar;
            appended = true;
            await MarkAsync(symbol, bar, cancellationToken);
        }
        if (appended) freshness?.BarReceived(feed.LastBar!.Value.Time);
        return appended;
    }

    private bool InSession(string symbol, TradingOptions settings) =>
        !settings.MarketHoursOnly || _feeds[symbol].LastBar is not { } bar || MarketClock.IsRegularSession(bar.Time);

    private Task MarkAsync(string symbol, Bar bar, CancellationToken cancellationToken) =>
        broker is IMarketBarSink sink ? sink.OnBarAsync(symbol, bar, cancellationToken) : Task.CompletedTask;

    private DateTime MarketTime()
    {
        var latest = DateTime.MinValue;
        foreach (var feed in _feeds.Values)
            if (feed.LastBar is { } bar && bar.Time > latest) latest = bar.Time;
        return latest == DateTime.MinValue ? time.GetUtcNow().UtcDateTime : latest;
    }

    /// <summary>Analyses the symbols concurrently; when every analysis finished at once (the technical analyst, a backtest)
    /// their results are taken as they are, without the cost of waiting on them as a group.</summary>
    private async ValueTask<SymbolAnalysis[]> AnalyseAllAsync(List<string> symbols, PortfolioSnapshot portfolio, CancellationToken cancellationToken)
    {
        var tasks = new ValueTask<SymbolAnalysis>[symbols.Count];
        var allDone = true;
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = AnalyseAsync(symbols[i], portfolio, cancellationToken);
            allDone &= tasks[i].IsCompletedSuccessfully;
        }
        if (!allDone) return await Task.WhenAll(tasks.Select(t => t.AsTask()));
        var results = new SymbolAnalysis[tasks.Length];
        for (var i = 0; i < tasks.Length; i++) results[i] = tasks[i].Result;
        return results;
    }

    /// <summary>Indicators and the analyst's proposal for one symbol; never throws (a failure comes back in <see cref="SymbolAnalysis.Error"/>).</summary>
    private async ValueTask<SymbolAnalysis> AnalyseAsync(string symbol, PortfolioSnapshot portfolio, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var id = NewDecisionId(started);
        var feed = _feeds[symbol];
        var bar = feed.LastBar!.Value;
        using var scope = Log.DecisionScope(logger, id, symbol); // the analyst's and the model bridge's lines carry them too
        try
        {
            var snapshot = feed.Indicators.ToSnapshot();
            var context = ContextFor(symbol, snapshot, portfolio, id, ExplainDecisions);
            Proposal proposal;
            if (analyst is ISynchronousAnalyst synchronous)
            {
                cancellationToken.ThrowIfCancellationRequested();
                proposal = synchronous.Analyze(context);
            }
            else
            {
                proposal = await analyst.AnalyzeAsync(context, cancellationToken);
            }
            return new SymbolAnalysis(symbol, id, started.UtcDateTime, bar, snapshot, proposal, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SymbolAnalysis(symbol, id, started.UtcDateTime, bar, null, null, ex);
        }
    }

    /// <summary>Decides one analysed symbol and records the decision. A decision without an order is only queued for the journal
    /// (added to <paramref name="recording"/>, published once kept, and null is returned): the journal writes such records
    /// together. A decision with an order waits until it is kept — with everything queued before it — and only then is the order
    /// sent.</summary>
    private async ValueTask<DecisionRecord?> DecideAsync(SymbolAnalysis analysis, PortfolioSnapshot portfolio, TradingOptions settings,
        Recording recording, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var decision = Decide(sizer, riskManager, analysis, portfolio, settings.PositionSizePct, ExplainDecisions, now.UtcDateTime);
        if (market.Feed is { } feed) decision = decision with { Feed = feed }; // which tape the bar came from (Alpaca)
        if (decision.Order is not null && OrdersHalted is { } halted)
        {
            // Recorded as a refusal, like a failed risk rule: the decision and its reasons are kept, no order is made or sent.
            var check = new RiskCheck(RiskRules.OrdersHalted, false, 1, 0, $"not sent: {halted}");
            decision = decision with { Approved = false, Order = null, RiskChecks = [.. decision.RiskChecks, check] };
        }
        var (id, symbol, order) = (decision.Id, decision.Symbol, decision.Order);
        using var scope = Log.DecisionScope(logger, id, symbol);

        // Queued now, in the order decided. One kept behind the cycle is waited for without the cycle's token (the hosted agent
        // waits for it when it stops); the journal writes what is queued whatever the token says.
        var record = journal.RecordDecisionAsync(decision, recordsBehind && order is null ? CancellationToken.None : cancellationToken);
        if (order is null)
        {
            recording.Queued.Add(new RecordingDecision(decision, record, now.UtcDateTime));
            return null;
        }

        // Written before the order is sent: a crash in between is found by reconciliation, never repeated blindly. The decisions
        // queued before it are kept first (the journal keeps the order), so they are published first.
        await RecordedAsync(recording);
        await record;
        Recorded(decision);
        metrics?.OrderChanged(null, order);

        var sent = await SendAsync(order, cancellationToken);
        decision = decision with { Order = sent };
        hub.Publish(new DecisionMade(now.UtcDateTime, decision));
        hub.Publish(new OrderUpdated(time.GetUtcNow().UtcDateTime, sent));
        return decision;
    }

    private void Recorded(DecisionRecord decision)
    {
        Log.DecisionRecorded(logger, decision.Id, decision.Symbol, decision.Action, decision.Confidence, decision.Approved);
        metrics?.DecisionRecorded(decision);
    }

    /// <summary>Waits for the queued decisions to be kept, in order, and publishes each; one the journal refused is a failure of its
    /// symbol. Empties the queue and counts them.</summary>
    private async ValueTask RecordedAsync(Recording recording)
    {
        foreach (var (decision, record, time) in recording.Queued)
        {
            using var scope = Log.DecisionScope(logger, decision.Id, decision.Symbol);
            try
            {
                await record;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                recording.Lost++;
                Fail(decision.Symbol, "decision", ex);
                continue;
            }
            recording.Kept++;
            Recorded(decision);
            hub.Publish(new DecisionMade(time, decision));
        }
        recording.Queued.Clear();
    }

    /// <summary>Keeps and publishes, in order, what a cycle left behind: its decisions without an order, then its snapshot. Never
    /// throws: a refused decision is its symbol's failure (in <see cref="RecordedAsync"/>), a refused snapshot is logged and published.</summary>
    private async Task KeepBehindAsync(Recording recording, Task snapshotKept)
    {
        try
        {
            await RecordedAsync(recording);
            await snapshotKept;
        }
        catch (Exception ex)
        {
            Log.RecordsBehindFailed(logger, ex);
            hub.Publish(new CycleFailed(time.GetUtcNow().UtcDateTime, $"records kept behind the cycle failed: {ex.Message}"));
        }
    }

    private async ValueTask<OrderRecord> SendAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        BrokerOrder result;
        try
        {
            var request = new OrderRequest(order.ClientOrderId, order.Symbol, order.Side, order.Quantity) { Type = order.Type, LimitPrice = order.LimitPrice };
            result = await metrics.MeasuredAsync(BrokerOperations.SubmitOrder, () => broker.SubmitOrderAsync(request, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Left as New: the next reconciliation asks the broker whether it arrived.
            Log.OrderSendFailed(logger, ex, order.ClientOrderId, order.Symbol);
            return order;
        }
        var updated = Apply(order, result);
        await journal.UpdateOrderAsync(updated, cancellationToken);
        metrics?.OrderChanged(order, updated);
        return updated;
    }

    /// <summary>Brings every open order in the journal up to date with the broker. At start-up an order the broker never saw
    /// (the app stopped between recording and sending) is canceled with that reason rather than sent late.</summary>
    private async Task ReconcileOrdersAsync(bool atStartUp, CancellationToken cancellationToken)
    {
        foreach (var order in await journal.GetOpenOrdersAsync(cancellationToken))
        {
            var atBroker = await metrics.MeasuredAsync(BrokerOperations.GetOrder, () => broker.GetOrderAsync(order.ClientOrderId, cancellationToken));
            if (Reconciled(order, atBroker, atStartUp, time.GetUtcNow().UtcDateTime) is not { } updated) continue;
            await journal.UpdateOrderAsync(updated, cancellationToken);
            metrics?.OrderChanged(order, updated);
            Log.OrderReconciled(logger, order.ClientOrderId, order.Status, updated.Status);
            hub.Publish(new OrderUpdated(time.GetUtcNow().UtcDateTime, updated));
        }
    }

    /// <summary>
    /// The journal's open order brought up to date with the broker's copy, or null when nothing changed. An order the broker
    /// never saw is canceled with that reason (not resent) — at start-up at once, later once it has been New for a minute.
    /// Shared with a backtest's synchronous cycle.
    /// </summary>
    internal static OrderRecord? Reconciled(OrderRecord order, BrokerOrder? atBroker, bool atStartUp, DateTime now)
    {
        if (atBroker is null)
        {
            if (!atStartUp && order.Status == OrderStatus.New && now - order.SubmittedAt < TimeSpan.FromMinutes(1)) return null;
            return order with { Status = OrderStatus.Canceled, RejectReason = "Never reached the broker (send failed or the app stopped before sending); not resent." };
        }
        var updated = Apply(order, atBroker);
        // A partial fill that grew may keep the status and the number of fills (one aggregate fill), so the shares are compared too.
        return updated.Status == order.Status && updated.Fills.Count == order.Fills.Count
            && updated.Fills.Sum(f => f.Quantity) == order.Fills.Sum(f => f.Quantity) ? null : updated;
    }

    /// <summary>The analyst's view of one symbol: its indicators and the held position. Shared with a backtest's synchronous cycle.</summary>
    internal static AnalysisContext ContextFor(string symbol, IndicatorSnapshot snapshot, PortfolioSnapshot portfolio, Guid id, bool explain)
    {
        var position = portfolio.PositionOf(symbol);
        return new AnalysisContext(symbol, snapshot, position?.Quantity ?? 0m, position?.AveragePrice ?? 0m) { DecisionId = id, Explain = explain };
    }

    /// <summary>
    /// Sizing and risk for one analysed symbol: the decision as it is recorded, with the order to send when approved (status New,
    /// submitted at <paramref name="now"/>). Pure: shared with a backtest's synchronous cycle, so both decide the same way.
    /// </summary>
    internal static DecisionRecord Decide(PositionSizer sizer, RiskManager riskManager, SymbolAnalysis analysis, PortfolioSnapshot portfolio,
        double positionSizePct, bool explain, DateTime now)
    {
        var proposed = sizer.Size(analysis.Proposal!, portfolio, (decimal)analysis.Bar.Close, positionSizePct);
        // A Hold is never approved; its checks only describe the portfolio to a reader, so a run that explains nothing skips them.
        var verdict = proposed.Side is null && !explain ? UnexplainedHold : riskManager.Evaluate(proposed, portfolio, explain);
        return Record(analysis, proposed, verdict, now);
    }

    /// <summary>Sizing and risk of <see cref="Decide"/> for a run that keeps only orders and explains nothing: the approved
    /// verdict, or null when the proposal is refused (nothing of a refusal is built, and <see cref="Record"/> is not needed).
    /// <paramref name="close"/> is the bar's close as decimal.</summary>
    internal static (ProposedOrder? Proposed, RiskVerdict? Approved) JudgeQuietly(RiskManager riskManager, string symbol, QuietProposal proposal,
        in RiskPortfolio portfolio, decimal close, double positionSizePct)
    {
        // The sizer's order (PositionSizer.Size makes the same); a buy the risk manager would certainly refuse ends before the
        // proposal and its order are made.
        var (side, quantity) = PositionSizer.Order(proposal.Action, portfolio.Equity, portfolio.HeldQuantity, close, positionSizePct);
        if (side == OrderSide.Buy && riskManager.ClearlyRefusesBuy(proposal.Confidence, quantity, close, portfolio)) return (null, null);
        var proposed = new ProposedOrder(proposal.ToProposal(symbol), side, quantity, close);
        return (proposed, riskManager.ExactApprovalOrNull(proposed, portfolio));
    }

    /// <summary>The second half of <see cref="Decide"/>: the decision record of a judged proposal, with its order when approved.</summary>
    internal static DecisionRecord Record(SymbolAnalysis analysis, ProposedOrder proposed, RiskVerdict verdict, DateTime now)
    {
        var (symbol, id, bar, snapshot, proposal) = (analysis.Symbol, analysis.DecisionId, analysis.Bar, analysis.Indicators!, analysis.Proposal!);
        var order = verdict.Approved && proposed.Side is { } side
            ? new OrderRecord(OrderRecord.ClientOrderIdFor(id), id, symbol, side, proposed.Quantity, OrderStatus.New, now, bar.Time, null, [], null)
            {
                Type = proposal.LimitPrice is null ? OrderType.Market : OrderType.Limit,
                LimitPrice = proposal.LimitPrice,
            }
            : null;
        return new DecisionRecord(id, analysis.Time, bar.Time, symbol, proposal.Action, proposal.Confidence, proposal.Source,
            verdict.Approved, proposal.Reasoning, snapshot, verdict.Checks, order)
        {
            Technical = proposal.Technical,
            Interaction = proposal.Interaction,
            LimitPrice = proposal.LimitPrice,
        };
    }

    internal static OrderRecord Apply(OrderRecord order, BrokerOrder atBroker) => order with
    {
        Status = atBroker.Status,
        BrokerOrderId = atBroker.BrokerOrderId,
        Fills = atBroker.Fills,
        RejectReason = atBroker.RejectReason,
    };

    /// <summary>A symbol's bars could not be loaded: counted in the market's outage (logged once, then per minute; an
    /// <see cref="Market.Alpaca.AlpacaException"/> says all there is to say, anything else keeps its stack trace on the first line)
    /// and published.</summary>
    private void MarketDataFailed(string symbol, Exception ex)
    {
        var outage = _marketOutage.Failed($"{symbol}: {ex.Message}");
        if (outage.Notice == OutageNotice.WentDown)
            Log.MarketDataDown(logger, ex is Market.Alpaca.AlpacaException ? null : ex, market.Name, symbol, ex.Message);
        else if (outage.Notice == OutageNotice.StillDown)
            Log.MarketDataStillDown(logger, market.Name, outage.Failures, _marketOutage.SummaryEvery, outage.Reason, outage.Down);
        hub.Publish(new CycleFailed(time.GetUtcNow().UtcDateTime, $"{symbol}: market data failed: {ex.Message}"));
    }

    private void Fail(string symbol, string stage, Exception ex)
    {
        Log.SymbolFailed(logger, ex, symbol, stage);
        hub.Publish(new CycleFailed(time.GetUtcNow().UtcDateTime, $"{symbol}: {stage} failed: {ex.Message}"));
    }
}

/// <summary>The last accepted close of each fed symbol, as a read-only map converted to decimal only when read (a bar costs nothing).</summary>
internal sealed class LastCloses(Dictionary<string, SymbolFeed> feeds) : IReadOnlyDictionary<string, decimal>
{
    private Dictionary<string, SymbolFeed> Feeds => feeds;

    public decimal this[string key] => TryGetValue(key, out var price) ? price : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => Feeds.Where(f => f.Value.LastBar is not null).Select(f => f.Key);

    public IEnumerable<decimal> Values => Keys.Select(k => this[k]);

    public int Count => Feeds.Count(f => f.Value.LastBar is not null);

    public bool ContainsKey(string key) => Feeds.TryGetValue(key, out var feed) && feed.LastBar is not null;

    public bool TryGetValue(string key, out decimal value)
    {
        if (Feeds.TryGetValue(key, out var feed) && feed.LastBar is { } bar)
        {
            value = (decimal)bar.Close;
            return true;
        }
        value = 0m;
        return false;
    }

    public IEnumerator<KeyValuePair<string, decimal>> GetEnumerator() => Keys.Select(k => new KeyValuePair<string, decimal>(k, this[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One symbol's stream: its indicator state, the last bar accepted, and the time of the last bar seen (accepted or skipped).</summary>
internal sealed class SymbolFeed
{
    public IndicatorState Indicators { get; } = new();

    public Bar? LastBar { get; set; }

    public DateTime? LastTime { get; set; }
}

/// <summary>A decision without an order given to the journal and not yet known to be kept; <see cref="Time"/> is when it was made.</summary>
internal readonly record struct RecordingDecision(DecisionRecord Decision, Task Record, DateTime Time);

/// <summary>One cycle's decisions without an order on their way into the journal, and how many of them were kept or lost.</summary>
internal sealed class Recording
{
    public List<RecordingDecision> Queued { get; } = [];
    public int Kept { get; set; }
    public int Lost { get; set; }
}

/// <summary>The analysis of one symbol at one bar, before sizing and risk; <see cref="Error"/> set when it failed.</summary>
internal sealed record SymbolAnalysis(string Symbol, Guid DecisionId, DateTime Time, Bar Bar, IndicatorSnapshot? Indicators, Proposal? Proposal, Exception? Error);

/// <summary>What one cycle did: decisions recorded, orders sent, symbols that failed.</summary>
public readonly record struct CycleResult(int Decisions, int Orders, int Failures);
