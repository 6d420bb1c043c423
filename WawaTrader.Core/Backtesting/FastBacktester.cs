using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The fast path for the indicator-only strategy <c>sma-cross</c>: SMAs precomputed in batch (<see cref="FastBacktestData"/>),
/// then one tight loop over the merged timeline on arrays of structs, allocating nothing per bar (a trade allocates its record).
/// It reproduces the full path step for step: at each bar time the symbols with a bar first fill their pending order at the
/// bar's open (paper broker fill model, <see cref="PaperPricing"/>: slipped price rounded to 4 dp, commission
/// max(min, shares × per-share + notional × pct/100) rounded to 2 dp, refused when cash or shares do not cover it), then each
/// decides at the close in request order: sized as <see cref="Risk.PositionSizer"/> (floor of equity × size% ÷ close), judged by
/// the five rules of <see cref="Risk.RiskManager"/> in decimal (pending buys counted as held), and submitted under the paper
/// broker's cash and no-short checks. The signal: Buy when the fast SMA closes above the slow one after closing at or below it
/// on the previous bar; Sell (the whole position) on the opposite cross; confidence <see cref="SignalConfidence"/>.
/// One instance is one worker: it owns its buffers and is not thread-safe; share the <see cref="FastBacktestData"/>.
/// </summary>
public sealed partial class FastBacktester
{
    /// <summary>The strategy name the fast path runs.</summary>
    public const string SmaCross = "sma-cross";

    /// <summary>Confidence (0–100) of an SMA-cross signal, judged against <c>Risk:MinConfidence</c>.</summary>
    public const double SignalConfidence = 100;

    private readonly FastBacktestData _data;
    private readonly BacktestCosts _costs;
    private readonly decimal _initialCash;
    private readonly SymbolState[] _state;
    private readonly double[][] _fast;
    private readonly double[][] _slow;
    private readonly double[] _equity;
    private readonly List<BacktestTrade> _trades = [];
    private decimal[]? _exactEquity;
    private decimal _cash;
    private int _tradesToday;
    private int _day;
    private decimal _dayStartEquity;
    private bool _dayStartKnown;
    private FastBacktestSettings _settings;

    public FastBacktester(FastBacktestData data, BacktestCosts costs, decimal initialCash)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(costs);
        if (initialCash <= 0) throw new ArgumentOutOfRangeException(nameof(initialCash), initialCash, "Initial cash must be positive.");
        _data = data;
        _costs = costs;
        _initialCash = initialCash;
        _state = new SymbolState[data.Symbols.Length];
        _fast = new double[data.Symbols.Length][];
        _slow = new double[data.Symbols.Length][];
        _equity = new double[data.StepCount];
    }

    /// <summary>True for the strategies the fast path runs (<c>sma-cross</c> with the model off).</summary>
    public static bool Supports(string strategy, LlmBacktestMode llm = LlmBacktestMode.Off) =>
        llm == LlmBacktestMode.Off && string.Equals(strategy?.Trim(), SmaCross, StringComparison.OrdinalIgnoreCase);

    /// <summary>Equity at the close of each step of the last run (double; see <see cref="ExactEquity"/>).</summary>
    public ReadOnlySpan<double> Equity => _equity;

    /// <summary>The fills of the last run, oldest first (empty when trades were not recorded).</summary>
    public IReadOnlyList<BacktestTrade> Trades => _trades;

    /// <summary>Decimal equity (cash + shares × close, as the paper broker values it) of the last run, when asked for.</summary>
    public IReadOnlyList<decimal>? ExactEquity => _exactEquity;

    /// <summary>Runs one parameter set; the results are in <see cref="Equity"/>, <see cref="Trades"/> and <see cref="ExactEquity"/>.</summary>
    /// <returns>The number of fills.</returns>
    /// <param name="tradeFromStep">First step at which the strategy may decide (earlier steps only warm up; walk-forward tests).</param>
    public int Run(in FastBacktestSettings settings, bool recordTrades = true, bool exactEquity = false, int tradeFromStep = 0)
    {
        settings.Validate();
        _settings = settings;
        for (var s = 0; s < _state.Length; s++)
        {
            _state[s] = default;
            _fast[s] = _data.Sma(s, settings.Fast);
            _slow[s] = _data.Sma(s, settings.Slow);
        }
        _trades.Clear();
        if (exactEquity) _exactEquity ??= new decimal[_data.StepCount];
        _cash = _initialCash;
        var cashD = (double)_cash;
        _tradesToday = 0;
        _day = int.MinValue;
        _dayStartKnown = false;
        var fills = 0;

        var stepStart = _data.StepStart;
        var entrySymbol = _data.EntrySymbol;
        var entryBar = _data.EntryBar;
        var stepDay = _data.StepDay;
        var closeD = _data.CloseD;
        var state = _state;
        var steps = _data.StepCount;
        for (var k = 0; k < steps; k++)
        {
            int first = stepStart[k], end = stepStart[k + 1];
            for (var e = first; e < end; e++)
            {
                var s = entrySymbol[e];
                var b = entryBar[e];
                ref var st = ref state[s];
                if (st.PendingSide != 0)
                {
                    if (Fill(ref st, s, b, recordTrades)) fills++;
                    cashD = (double)_cash;
                }
                st.LastCloseD = closeD[s][b];
                st.Bar = b;
            }
            if (stepDay[k] != _day)
            {
                _day = stepDay[k];
                _tradesToday = 0;
                _dayStartKnown = false;
            }

            var equity = cashD;
            for (var s = 0; s < state.Length; s++) equity += state[s].HeldD * state[s].LastCloseD;
            _equity[k] = equity;
            if (exactEquity) _exactEquity![k] = EquityNow();

            for (var e = k < tradeFromStep ? end : first; e < end; e++)
            {
                var s = entrySymbol[e];
                var b = entryBar[e];
                if (b == 0) continue;
                double f1 = _fast[s][b], s1 = _slow[s][b], f0 = _fast[s][b - 1], s0 = _slow[s][b - 1];
                if (f1 > s1 && f0 <= s0) TryBuy(s, b);
                else if (f1 < s1 && f0 >= s0 && state[s].Held > 0) TrySell(s);
            }
            if (!_dayStartKnown && k + 1 < steps && stepDay[k + 1] == _day)
            {
                _dayStartEquity = EquityNow();
                _dayStartKnown = true;
            }
        }
        return fills;
    }

    /// <summary>Equity as the paper broker reports it: cash + Σ shares × last close, summed in ordinal symbol order.</summary>
    private decimal EquityNow()
    {
        var equity = _cash;
        foreach (var s in _data.SymbolsByName)
        {
            ref var st = ref _state[s];
            if (st.Held != 0m) equity += st.Held * LastClose(s);
        }
        return equity;
    }

    private decimal LastClose(int s) => _data.Close[s][_state[s].Bar];

    private bool Fill(ref SymbolState st, int s, int b, bool record)
    {
        var side = st.PendingSide > 0 ? OrderSide.Buy : OrderSide.Sell;
        var qty = st.PendingQty;
        st.PendingSide = 0;
        st.PendingQty = 0m;
        var price = PaperPricing.FillPrice(_data.Open[s][b], side, _costs.SlippageBps);
        var commission = Commission(qty, price);
        if (side == OrderSide.Buy)
        {
            var cost = price * qty + commission;
            if (cost > _cash)
            {
                if (st.PendingDay == _day) _tradesToday--;
                return false;
            }
            _cash -= cost;
            st.Held += qty;
        }
        else
        {
            if (qty > st.Held)
            {
                if (st.PendingDay == _day) _tradesToday--;
                return false;
            }
            _cash += price * qty - commission;
            st.Held -= qty;
        }
        st.HeldD = (double)st.Held;
        if (record) _trades.Add(new BacktestTrade(_data.Symbols[s], side, qty, price, commission, _data.Times[s][b]));
        return true;
    }

    private void TryBuy(int s, int b)
    {
        var equity = EquityNow();
        var close = _data.Close[s][b];
        // PositionSizer: floor(equity × size% / 100 ÷ last close).
        if (close <= 0m || equity <= 0m || !double.IsFinite(_settings.PositionSizePct) || _settings.PositionSizePct <= 0) return;
        var qty = Math.Floor(equity * (decimal)_settings.PositionSizePct / 100m / close);
        if (qty <= 0m) return;

        ref var st = ref _state[s];
        var pendingQty = st.PendingSide > 0 ? st.PendingQty : 0m;
        // Position size rule.
        if (!Within(Pct(Math.Abs((st.Held + pendingQty + qty) * close), equity), _settings.MaxPositionPct)) return;
        // Daily loss rule: the day's starting equity is the equity at the first refresh of the market day.
        if (!_dayStartKnown)
        {
            _dayStartEquity = equity;
            _dayStartKnown = true;
        }
        var dayPnlPct = _dayStartEquity > 0 ? (equity - _dayStartEquity) / _dayStartEquity * 100m : 0m;
        if (!Within(-dayPnlPct, _settings.MaxDailyLossPct)) return;
        // Exposure rule: positions at their last close plus pending buys, with this symbol replaced by its size after the order.
        decimal exposure = 0m, reserved = 0m;
        for (var i = 0; i < _state.Length; i++)
        {
            ref var other = ref _state[i];
            if (other.Held != 0m) exposure += Math.Abs(other.Held * LastClose(i));
        }
        for (var i = 0; i < _state.Length; i++)
        {
            ref var other = ref _state[i];
            if (other.PendingSide <= 0) continue;
            exposure += other.PendingQty * LastClose(i);
            reserved += EstimatedBuyCost(LastClose(i), other.PendingQty);
        }
        var after = Math.Max(0m, exposure - Math.Abs(st.Held * close) - pendingQty * close + Math.Abs((st.Held + pendingQty + qty) * close));
        if (!Within(Pct(after, equity), _settings.MaxExposurePct)) return;
        if (_tradesToday + 1 > _settings.MaxTradesPerDay) return;
        if (!(SignalConfidence >= _settings.MinConfidence)) return;
        // Paper broker submission: the estimated cost must fit the cash left after open buys.
        if (EstimatedBuyCost(close, qty) > _cash - reserved) return;
        st.PendingSide = 1;
        st.PendingQty = qty;
        st.PendingDay = _day;
        _tradesToday++;
    }

    private void TrySell(int s)
    {
        ref var st = ref _state[s];
        // Sells pass the position, daily-loss and exposure rules; trades per day and confidence still apply.
        if (_tradesToday + 1 > _settings.MaxTradesPerDay) return;
        if (!(SignalConfidence >= _settings.MinConfidence)) return;
        var offered = st.PendingSide < 0 ? st.PendingQty : 0m;
        if (st.Held > st.Held - offered) return;
        st.PendingSide = -1;
        st.PendingQty = st.Held;
        st.PendingDay = _day;
        _tradesToday++;
    }

    private static decimal Pct(decimal value, decimal equity) => value / equity * 100m;

    private static bool Within(decimal value, double limit) => double.IsFinite(limit) && value <= (decimal)limit;

    private decimal EstimatedBuyCost(decimal lastPrice, decimal qty)
    {
        var price = PaperPricing.FillPrice(lastPrice, OrderSide.Buy, _costs.SlippageBps);
        return price * qty + Commission(qty, price);
    }

    /// <summary>The paper broker's commission formula (<see cref="PaperPricing.Commission(decimal, decimal, decimal, decimal, decimal)"/>).</summary>
    private decimal Commission(decimal qty, decimal price) =>
        PaperPricing.Commission(_costs.CommissionPerShare, _costs.CommissionPct, _costs.MinCommission, qty, price);

    private struct SymbolState
    {
        public decimal Held;
        public double HeldD;
        public double LastCloseD;
        public int Bar;
        public sbyte PendingSide;   // +1 buy, −1 sell, 0 none
        public decimal PendingQty;
        public int PendingDay;
    }
}
