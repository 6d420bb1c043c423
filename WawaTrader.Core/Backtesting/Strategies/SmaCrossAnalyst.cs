using System.Globalization;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Indicators;

namespace WawaTrader.Core.Backtesting.Strategies;

/// <summary>
/// The moving-average crossover as an analyst. Per symbol it keeps the last <c>slow</c> closes (the snapshot's close, one per
/// new bar time) and the simple moving averages of the last <c>fast</c> and <c>slow</c> of them by TA-Lib's running total (the
/// same doubles as the batch SMA the fast path uses, so a near-tie crosses on the same bar in both). At bar t, with both averages defined at t and t−1:
/// <list type="bullet">
/// <item>cross up (fast_t &gt; slow_t and fast_{t−1} ≤ slow_{t−1}) → Buy (the sizer and the risk manager decide how much, if any);</item>
/// <item>cross down (fast_t &lt; slow_t and fast_{t−1} ≥ slow_{t−1}) while holding → Sell (the sizer sells the whole position);</item>
/// <item>anything else → Hold.</item>
/// </list>
/// Confidence is 100 for Buy/Sell (0 for Hold), so the risk manager judges only sizing and limits. The first possible signal
/// is at the bar with index <c>slow</c> (the (slow+1)-th bar). One instance per run: it keeps state. Not thread-safe across symbols
/// analysed concurrently (it completes synchronously, so the trading cycle runs the symbols' analyses one after another).
/// The fast path (<c>FastBacktester</c>) implements the same rule over batch SMAs and is tested to give the same trades.
/// </summary>
public sealed class SmaCrossAnalyst : ISynchronousAnalyst
{
    private readonly int _fast;
    private readonly int _slow;
    private readonly Dictionary<string, Window> _windows = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _buyReason;
    private readonly string _sellReason;

    public SmaCrossAnalyst(int fast, int slow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        _fast = fast;
        _slow = slow;
        _buyReason = string.Create(CultureInfo.InvariantCulture, $"BUY: SMA{fast} crossed above SMA{slow}.");
        _sellReason = string.Create(CultureInfo.InvariantCulture, $"SELL: SMA{fast} crossed below SMA{slow}.");
    }

    public Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<Proposal>(cancellationToken);
        return Task.FromResult(Analyze(context));
    }

    /// <summary>The synchronous analysis.</summary>
    public Proposal Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Indicators;
        var (action, window) = Step(context.Symbol, s.Time, s.Close, context.PositionQuantity);
        return action switch
        {
            TradeAction.Buy => new Proposal(context.Symbol, action, 100, _buyReason, DecisionSource.Technical),
            TradeAction.Sell => new Proposal(context.Symbol, action, 100, _sellReason, DecisionSource.Technical),
            _ => new Proposal(context.Symbol, action, 0, window.Count < _slow ? "HOLD: warming up." : "HOLD: no crossover.", DecisionSource.Technical),
        };
    }

    /// <inheritdoc />
    public QuietProposal? ProposeQuietly(string symbol, in StreamingIndicatorValues indicators, decimal positionQuantity, decimal positionAveragePrice)
    {
        var (action, _) = Step(symbol, indicators.Time, indicators.Close, positionQuantity);
        return action is TradeAction.Buy or TradeAction.Sell ? new QuietProposal(action, 100, DecisionSource.Technical) : null;
    }

    /// <summary>Adds the close at <paramref name="time"/> to the symbol's window (once per bar time) and reads the crossover.</summary>
    private (TradeAction Action, Window Window) Step(string symbol, DateTime time, double close, decimal positionQuantity)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (!_windows.TryGetValue(symbol, out var window))
        {
            window = new Window(_slow);
            _windows[symbol] = window;
        }
        if (time > window.LastTime && double.IsFinite(close)) window.Add(time, close, _fast, _slow);

        var action = TradeAction.Hold;
        if (window.HasPrevious)
        {
            if (window.Fast > window.Slow && window.PreviousFast <= window.PreviousSlow) action = TradeAction.Buy;
            else if (window.Fast < window.Slow && window.PreviousFast >= window.PreviousSlow && positionQuantity > 0) action = TradeAction.Sell;
        }
        return (action, window);
    }

    private sealed class Window(int slow)
    {
        private readonly double[] _closes = new double[slow];
        private int _next;
        private double _fastTotal;
        private double _slowTotal;

        public long Count { get; private set; }
        public DateTime LastTime { get; private set; } = DateTime.MinValue;
        public double Fast { get; private set; } = double.NaN;
        public double Slow { get; private set; } = double.NaN;
        public double PreviousFast { get; private set; } = double.NaN;
        public double PreviousSlow { get; private set; } = double.NaN;
        public bool HasPrevious => !double.IsNaN(PreviousSlow);

        public void Add(DateTime time, double close, int fast, int slowPeriod)
        {
            LastTime = time;
            var index = Count;
            _closes[_next] = close; // value number j sits at j mod slow
            _next = (_next + 1) % slowPeriod;
            Count++;
            PreviousFast = Fast;
            PreviousSlow = Slow;
            Fast = RunningMean(ref _fastTotal, close, index, fast, slowPeriod);
            Slow = RunningMean(ref _slowTotal, close, index, slowPeriod, slowPeriod);
        }

        /// <summary>TA-Lib's running total, step by step as <see cref="Indicators.IndicatorKernels.Sma"/> does it over the whole
        /// series (add the new value, divide the window's total, drop the oldest), so the averages here and the fast path's batch
        /// averages are the same doubles and a near-tie crosses on the same bar in both.</summary>
        private double RunningMean(ref double total, double value, long index, int period, int slowPeriod)
        {
            total += value;
            if (index < period - 1) return double.NaN;
            var windowTotal = total;
            total -= _closes[(int)((index - period + 1) % slowPeriod)];
            return windowTotal / period;
        }
    }
}
