using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// Runs a backtest through the live decision pipeline. Per run it builds a fresh <see cref="TradingCycle"/> over a
/// <see cref="HistoricalMarket"/> (one step per bar time of any symbol), the real <see cref="PaperBroker"/> over an
/// <see cref="InMemoryPaperLedgerStore"/> with the request's costs, the real <see cref="PositionSizer"/> and
/// <see cref="RiskManager"/> (all five rules), an <see cref="InMemoryDecisionJournal"/>, a <see cref="PortfolioService"/>, a
/// private <see cref="AgentEventHub"/> and a clock it sets to each bar's time, then calls <see cref="TradingCycle.RunOnceAsync"/>
/// once per step. A decision at the close of bar t fills at the open of the symbol's next bar (slipped, plus commission);
/// the market never serves a bar before its step. Same request, same result, bit for bit. Thread-safe: runs share nothing.
/// </summary>
public sealed class Backtester
{
    private readonly BacktestDefaults _defaults;
    private readonly StrategyRegistry _strategies;
    private readonly ILlmInteractionStore? _interactions;
    private readonly LlmLiveCache? _liveCache;
    private readonly ILoggerFactory _loggers;

    /// <summary>A backtester with the built-in defaults and strategies and no model (<see cref="LlmBacktestMode.Off"/> only).</summary>
    public Backtester()
        : this(BacktestDefaults.BuiltIn)
    {
    }

    /// <param name="defaults">Settings the request's parameters override.</param>
    /// <param name="strategies">The strategies a request may name; <see cref="StrategyRegistry.Default"/> when null.</param>
    /// <param name="interactions">Recorded model answers, for <see cref="LlmBacktestMode.Replay"/>.</param>
    /// <param name="liveCache">The cached model client, for <see cref="LlmBacktestMode.Live"/>.</param>
    /// <param name="loggers">For the model analyst in live mode; the cycle and broker log nothing (their failures become warnings).</param>
    public Backtester(BacktestDefaults defaults, StrategyRegistry? strategies = null, ILlmInteractionStore? interactions = null,
        LlmLiveCache? liveCache = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        _defaults = defaults;
        _strategies = strategies ?? StrategyRegistry.Default;
        _interactions = interactions;
        _liveCache = liveCache;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>Runs every backtest through <see cref="TradingCycle"/> itself, even when the analyst is pure computation and the
    /// same sequence could run as plain calls (<see cref="SynchronousCycle"/>); tests compare the two.</summary>
    internal bool DrivesTradingCycle { get; init; }

    /// <summary>The settings requests' parameters override (the agent's current ones in the app).</summary>
    public BacktestDefaults Defaults => _defaults;

    /// <summary>The strategies requests may name.</summary>
    public StrategyRegistry Strategies => _strategies;

    /// <summary>
    /// Checks, without running it, what <see cref="RunAsync"/> reads before its first step: the series and costs, the strategy's
    /// name and every parameter (strategy, <c>Risk:*</c>, <c>Trading:PositionSizePct</c>) as the run would apply them, so a request
    /// can be refused before it is queued.
    /// </summary>
    /// <exception cref="ArgumentException">The first problem, as <see cref="RunAsync"/> would throw it (a bad parameter names
    /// its key as <see cref="ArgumentException.ParamName"/>).</exception>
    public void Check(BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var series = BacktestValidation.Prepare(request);
        var strategy = _strategies.Get(request.Strategy);
        var (strategyParameters, _, _) = SplitParameters(request.Parameters);
        strategy.Create(new StrategyContext(strategyParameters, _defaults.Analyst, new HistoricalMarket(series)));
    }

    /// <summary>
    /// Runs <paramref name="request"/>; <paramref name="progress"/> gets the fraction of steps done (0..1).
    /// </summary>
    /// <exception cref="ArgumentException">A bad series (names the symbol and bar), unknown strategy, bad parameter, or a live-model
    /// backtest before the model's knowledge cutoff that was not forced.</exception>
    public async Task<BacktestResult> RunAsync(BacktestRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var series = BacktestValidation.Prepare(request);
        var strategy = _strategies.Get(request.Strategy);
        var (strategyParameters, risk, positionSizePct) = SplitParameters(request.Parameters);
        var market = new HistoricalMarket(series);
        var warnings = new List<string>();
        var (analyst, replay) = await CreateAnalystAsync(request, strategy, strategyParameters, market, risk, warnings, cancellationToken);

        var paper = request.Costs.ToPaperOptions(request.InitialCash);
        var clock = new BacktestClock(market.Times[0]);
        // The broker keeps its default order history (finished orders beyond it are forgotten; open ones never are, so
        // reconciliation is unaffected) and the trades come from the journal, which keeps every order of the run.
        // Its book lives for the run only and is never reloaded, so it is not saved after every change.
        var broker = new PaperBroker(new InMemoryPaperLedgerStore(), new StaticOptionsMonitor<PaperOptions>(paper), clock, NullLogger<PaperBroker>.Instance)
        {
            SavesLedger = false,
        };
        var journal = new InMemoryDecisionJournal { KeepsEverything = false };
        var portfolio = new PortfolioService(broker, journal, clock);
        var hub = new AgentEventHub(NullLogger<AgentEventHub>.Instance);
        var failures = new List<string>();
        using var subscription = hub.Subscribe(e =>
        {
            if (e is CycleFailed failed) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{failed.Time:yyyy-MM-dd HH:mm}: {failed.Message}"));
        });
        var trading = new TradingOptions
        {
            Watchlist = [.. market.Symbols],
            PositionSizePct = positionSizePct,
            StartOnLaunch = false,
        };
        // Technical-only runs keep each decision's numbers, not its prose (the model modes feed the reasoning to the model).
        var explain = request.Llm != LlmBacktestMode.Off;
        var ids = new SequentialDecisionIds();
        var sizer = new PositionSizer();
        var riskManager = new RiskManager(new StaticOptionsMonitor<RiskOptions>(risk));
        // A pure analyst needs nothing awaited: the same cycle then runs as plain calls (tested to give the same results).
        var synchronous = analyst is ISynchronousAnalyst pure && !DrivesTradingCycle
            ? new SynchronousCycle(market, pure, sizer, riskManager, broker, journal, portfolio, trading, clock, ids, explain)
            : null;
        var cycle = synchronous is not null ? null : new TradingCycle(market, analyst, sizer, riskManager, broker,
            journal, portfolio, hub, new StaticOptionsMonitor<TradingOptions>(trading), clock, NullLogger<TradingCycle>.Instance)
        {
            ExplainDecisions = explain,
            NewDecisionId = ids.Next,
        };

        var steps = market.Times.Length;
        var equity = new EquityPoint[steps];
        var benchmarkEquity = new EquityPoint[steps];
        var buyAndHold = new BuyAndHoldBenchmark(market, request.InitialCash, paper);
        var reported = -1;
        progress?.Report(0);
        for (var step = 0; market.Advance(); step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = market.Now;
            clock.Set(now);
            decimal value;
            if (synchronous is not null) value = synchronous.RunStep();
            else
            {
                await cycle!.RunOnceAsync(cancellationToken);
                value = portfolio.Latest!.Equity;
            }
            equity[step] = new EquityPoint(now, value);
            benchmarkEquity[step] = new EquityPoint(now, buyAndHold.Step());
            if (progress is not null)
            {
                var permille = (int)((step + 1L) * 1000 / steps);
                if (permille != reported)
                {
                    reported = permille;
                    progress.Report(permille / 1000.0);
                }
            }
        }

        // The synchronous cycle took each fill as its order finished; otherwise the journal's orders are read now.
        var trades = synchronous is not null ? InFillOrder(synchronous.Trades) : Trades(journal);
        if (replay is not null)
            warnings.Add($"Replay: {replay.Replayed} recorded model answers used; {replay.Missing} bars where the model would have been asked had no recorded answer (technical view alone).");
        if (synchronous is not null) failures.AddRange(synchronous.Failures);
        if (failures.Count > 0)
            warnings.Add($"{failures.Count} symbol steps failed and were skipped; first: {string.Join(" | ", failures.Take(3))}");
        var barsPerYear = BarsPerYear(market.Times);
        return new BacktestResult(
            PerformanceMetrics.Compute(equity, trades, barsPerYear, request.RiskFreeRatePct),
            PerformanceMetrics.Compute(benchmarkEquity, buyAndHold.Trades, barsPerYear, request.RiskFreeRatePct),
            equity,
            benchmarkEquity,
            trades,
            warnings);
    }

    /// <summary>
    /// Bars per year for annualising: 252 for daily bars (median spacing of at least 20 hours and at most 1.5 days); shorter bars
    /// 252 × 6.5 trading hours ÷ the median spacing; longer ones 365.25 days ÷ the median spacing. 252 with fewer than two bars.
    /// </summary>
    public static double BarsPerYear(IReadOnlyList<DateTime> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count < 2) return PerformanceMetrics.TradingDaysPerYear;
        var gaps = new long[times.Count - 1];
        for (var i = 1; i < times.Count; i++) gaps[i - 1] = (times[i] - times[i - 1]).Ticks;
        var mid = gaps.Length / 2;
        long median;
        if (gaps.Length % 2 == 1) median = Select(gaps, mid);
        else
        {
            // The lower middle, then the least of what lies above it (selection leaves everything after it no smaller).
            var lower = Select(gaps, mid - 1);
            var upper = gaps[mid];
            for (var i = mid + 1; i < gaps.Length; i++) upper = Math.Min(upper, gaps[i]);
            median = (lower + upper) / 2;
        }
        return BarsPerYearAt(TimeSpan.FromTicks(median));
    }

    /// <summary>The <paramref name="k"/>-th smallest of <paramref name="values"/> (0-based), which it reorders so that nothing
    /// before position k is larger and nothing after it smaller (Hoare's selection, middle pivot: linear time on calendars).</summary>
    private static long Select(long[] values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var pivot = values[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i > j) break;
                (values[i], values[j]) = (values[j], values[i]);
                i++;
                j--;
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }
        return values[k];
    }

    private static double BarsPerYearAt(TimeSpan median)
    {
        if (median <= TimeSpan.Zero) return PerformanceMetrics.TradingDaysPerYear;
        if (median < TimeSpan.FromHours(20)) return PerformanceMetrics.TradingDaysPerYear * TimeSpan.FromHours(6.5).Ticks / median.Ticks;
        if (median <= TimeSpan.FromDays(1.5)) return PerformanceMetrics.TradingDaysPerYear;
        return 365.25 * TimeSpan.TicksPerDay / median.Ticks;
    }

    /// <summary>Every fill in the journal, oldest first (fill time, then the order in which the orders were recorded).</summary>
    private static List<BacktestTrade> Trades(InMemoryDecisionJournal journal)
    {
        var orders = journal.AllOrders();
        var trades = new List<BacktestTrade>(orders.Count);
        foreach (var order in orders)
        {
            var fills = order.Fills;
            for (var f = 0; f < fills.Count; f++)
                trades.Add(new BacktestTrade(order.Symbol, order.Side, fills[f].Quantity, fills[f].Price, fills[f].Commission, fills[f].Time));
        }
        return InFillOrder(trades);
    }

    /// <summary>The trades by fill time, stable (usually in that order already: a symbol's order fills at its next bar).</summary>
    private static List<BacktestTrade> InFillOrder(List<BacktestTrade> trades)
    {
        for (var i = 1; i < trades.Count; i++)
            if (trades[i].Date < trades[i - 1].Date) return [.. trades.OrderBy(t => t.Date)];
        return trades;
    }

    /// <summary>Splits the request's parameters: <c>Risk:*</c> and the position size here, the rest to the strategy.</summary>
    private (Dictionary<string, string> Strategy, RiskOptions Risk, double PositionSizePct) SplitParameters(IReadOnlyDictionary<string, string> parameters) =>
        BacktestParameters.Split(parameters, _defaults.Risk, _defaults.PositionSizePct);

    private async Task<(IAnalyst Analyst, LlmReplayAnalyst? Replay)> CreateAnalystAsync(BacktestRequest request, IBacktestStrategy strategy,
        Dictionary<string, string> parameters, HistoricalMarket market, RiskOptions risk, List<string> warnings, CancellationToken cancellationToken)
    {
        var context = new StrategyContext(parameters, _defaults.Analyst, market);
        switch (request.Llm)
        {
            case LlmBacktestMode.Off:
                return (strategy.Create(context), null);
            case LlmBacktestMode.Replay:
            {
                var analyst = strategy.Create(context);
                if (_interactions is null) throw new ArgumentException("The model cannot be replayed: no recorded model interactions are available here.", nameof(request));
                // A decision is made after its bar, so every interaction about a bar in range was recorded at or after the first bar's time.
                var recorded = await _interactions.GetSinceAsync(market.Times[0], cancellationToken);
                var replay = new LlmReplayAnalyst(analyst, LlmReplayAnalyst.Index(recorded), _defaults.Llm.AskWhen, _defaults.Llm.Combination);
                return (replay, replay);
            }
            case LlmBacktestMode.Live:
            {
                if (!string.Equals(strategy.Name, TechnicalStrategy.StrategyName, StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"The live model works with the {TechnicalStrategy.StrategyName} strategy only (it reviews the technical analyst's view), not '{strategy.Name}'.", nameof(request));
                var first = market.Times[0];
                if (_defaults.Llm.KnowledgeCutoff is { } cutoff && first < cutoff)
                {
                    var why = string.Create(CultureInfo.InvariantCulture,
                        $"the backtest starts on {first:yyyy-MM-dd}, before the model's knowledge cutoff {cutoff:yyyy-MM-dd} (Llm:KnowledgeCutoff): the model may simply remember what happened");
                    if (!request.ForceLlmBeforeCutoff)
                        throw new ArgumentException($"A live-model backtest is refused: {why}. Choose dates after the cutoff, or force it.", nameof(request));
                    warnings.Add($"Forced live-model backtest: {why}; its results before the cutoff are not evidence of skill.");
                }
                if (_liveCache is null) throw new ArgumentException("The model cannot be asked live here: no model client is configured.", nameof(request));
                var llm = BacktestParameters.Apply(_defaults.Llm, [], LlmOptions.SectionName);
                llm.Enabled = true;
                var llmOptions = new StaticOptionsMonitor<LlmOptions>(llm);
                var analyst = new LlmAnalyst(new TechnicalAnalyst(TechnicalStrategy.Options(context)), _liveCache.CreateClient(),
                    new LlmHealth(llmOptions, TimeProvider.System), llmOptions, new StaticOptionsMonitor<RiskOptions>(risk), TimeProvider.System,
                    _loggers.CreateLogger<LlmAnalyst>());
                return (analyst, null);
            }
            default:
                throw new ArgumentException($"Unknown model mode {request.Llm}.", nameof(request));
        }
    }
}
