using System.Runtime.CompilerServices;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The fast path for the indicator-only strategy <c>sma-cross</c>: SMAs precomputed in batch (<see cref="FastBacktestData"/>),
/// then one tight loop over the merged timeline on arrays of structs, allocating nothing per bar (a trade allocates its record).
/// It reproduces the full path step for step: at each bar time the symbols with a bar first fill their pending order at the
/// bar's open (paper broker fill model, <see cref="PaperPricing"/>: slipped price rounded to 4 dp, commission
/// max(min, shares × per-share + notional × pct/100) rounded to 2 dp, refused when cash or shares do not cover it), then each
/// decides at the close in request order: sized as <see cref="Risk.PositionSizer"/> (floor of equity × size% ÷ close), judged by
/// the five rules of <see cref="Risk.RiskManager"/> in decimal (pending buys counted as held; a sell, which closes the position,
/// has the trades-per-day and daily-loss rules waived), and submitted under the paper broker's cash and no-short checks. The signal: Buy when the fast SMA closes above the slow one after closing at or below it
/// on the previous bar; Sell (the whole position) on the opposite cross; confidence <see cref="SignalConfidence"/>.
/// <para>
/// Speed without changing a result: a buy is first screened in double (sizing, the three percentage rules, the cash check),
/// each figure with a bound on its rounding error; only when a figure lies within its bound of a limit (or of a whole share)
/// is the buy judged again in decimal exactly as above, so the outcome is the decimal one. When all symbols share one calendar
/// the crossings are found in bulk as bit masks and the step loop visits only the symbols that cross or hold.
/// </para>
/// One instance is one worker: it owns its buffers and is not thread-safe; share the <see cref="FastBacktestData"/>.
/// </summary>
public sealed partial class FastBacktester
{
    /// <summary>The strategy name the fast path runs.</summary>
    public const string SmaCross = "sma-cross";

    /// <summary>Confidence (0–100) of an SMA-cross signal, judged against <c>Risk:MinConfidence</c>.</summary>
    public const double SignalConfidence = 100;

    /// <summary>Relative margin of the double screen: far above double rounding (~1e-15) and decimal-to-double conversion.</summary>
    private const double Margin = 1e-9;

    /// <summary>Absolute margin of a percentage, below which a double figure is not trusted (decimal resolves 1e-28).</summary>
    private const double TinyMargin = 1e-20;

    /// <summary>Percent limits above this are judged only in decimal (which throws on overflow exactly as the reference does).</summary>
    private const double ScreenableLimit = 1e9;

    private readonly FastBacktestData _data;
    private readonly BacktestCosts _costs;
    private readonly decimal _initialCash;
    private readonly SymbolState[] _state;
    private readonly double[][] _fast;
    private readonly double[][] _slow;
    private readonly double[] _equity;
    private readonly List<BacktestTrade> _trades = [];
    private readonly int[] _held;
    private readonly int[] _submittedAt;
    private readonly ulong[][]? _buyBits;
    private readonly ulong[][]? _sellBits;
    private Crossing[] _crossings = [];
    private int _crossingCount;
    private int _nextCrossing;
    private readonly decimal _buyFactor;
    private readonly decimal _sellFactor;
    private readonly double _buyFactorD;
    private readonly double _perShareD;
    private readonly double _commissionPctD;
    private readonly double _minCommissionD;
    private readonly PerShareCommission _perShare;
    private decimal[]? _exactEquity;
    private decimal _cash;
    private double _cashD;
    private int _heldCount;
    private int _pendingCount;
    private int _tradesToday;
    private int _day;
    private decimal _dayStartEquity;
    private double _dayStartD;
    private double _dayStartMagnitude;
    private bool _dayStartKnown;
    private bool _dayStartExactPending;
    private bool _exactOnly;
    private int _syncedStep;
    private int _currentStep;
    private FastBacktestSettings _settings;

    public FastBacktester(FastBacktestData data, BacktestCosts costs, decimal initialCash)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(costs);
        if (initialCash <= 0) throw new ArgumentOutOfRangeException(nameof(initialCash), initialCash, "Initial cash must be positive.");
        _data = data;
        _costs = costs;
        _initialCash = initialCash;
        var n = data.Symbols.Length;
        _state = new SymbolState[n];
        _fast = new double[n][];
        _slow = new double[n][];
        _equity = new double[data.StepCount];
        _held = new int[n];
        _submittedAt = new int[n];
        if (data.Aligned)
        {
            var words = (data.StepCount + 63) / 64;
            _buyBits = new ulong[n][];
            _sellBits = new ulong[n][];
            for (var s = 0; s < n; s++)
            {
                _buyBits[s] = new ulong[words];
                _sellBits[s] = new ulong[words];
            }
        }
        // The same factors PaperPricing.FillPrice computes on every call.
        _buyFactor = 1m + costs.SlippageBps / 10_000m;
        _sellFactor = 1m - costs.SlippageBps / 10_000m;
        _buyFactorD = (double)_buyFactor;
        _perShareD = (double)costs.CommissionPerShare;
        _commissionPctD = (double)costs.CommissionPct;
        _minCommissionD = (double)costs.MinCommission;
        _perShare = new PerShareCommission(costs);
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

    /// <summary>For tests: run the general loop even when the data are aligned (both loops must give the same results).</summary>
    internal bool GeneralLoopOnly { get; init; }

    /// <summary>Runs one parameter set; the results are in <see cref="Equity"/>, <see cref="Trades"/> and <see cref="ExactEquity"/>.</summary>
    /// <returns>The number of fills.</returns>
    /// <param name="tradeFromStep">First step at which the strategy may decide (earlier steps only warm up; walk-forward tests).</param>
    public int Run(in FastBacktestSettings settings, bool recordTrades = true, bool exactEquity = false, int tradeFromStep = 0)
    {
        settings.Validate();
        _settings = settings;
        _exactOnly = !Screenable(settings.PositionSizePct) || !Screenable(settings.MaxPositionPct)
            || !Screenable(settings.MaxExposurePct) || !Screenable(settings.MaxDailyLossPct);
        for (var s = 0; s < _state.Length; s++)
        {
            _state[s] = default;
            _fast[s] = _data.Sma(s, settings.Fast);
            _slow[s] = _data.Sma(s, settings.Slow);
        }
        _trades.Clear();
        if (exactEquity) _exactEquity ??= new decimal[_data.StepCount];
        _cash = _initialCash;
        _cashD = (double)_cash;
        _heldCount = 0;
        _pendingCount = 0;
        _tradesToday = 0;
        _day = int.MinValue;
        _dayStartKnown = false;
        _dayStartExactPending = false;
        _syncedStep = -1;
        return _data.Aligned && !GeneralLoopOnly
            ? RunAligned(recordTrades, exactEquity, tradeFromStep)
            : RunMerged(recordTrades, exactEquity, tradeFromStep);
    }

    private static bool Screenable(double pct) => !double.IsFinite(pct) || Math.Abs(pct) <= ScreenableLimit;

    /// <summary>The general loop over the merged timeline: at step k the entries StepStart[k] .. StepStart[k + 1].</summary>
    private int RunMerged(bool recordTrades, bool exactEquity, int tradeFromStep)
    {
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
            var recorded = 0;
            for (var e = first; e < end; e++)
            {
                var s = entrySymbol[e];
                var b = entryBar[e];
                ref var st = ref state[s];
                if (st.PendingSide != 0)
                {
                    var submitted = st.PendingStep;
                    if (Fill(ref st, s, b, recordTrades))
                    {
                        fills++;
                        if (recordTrades) _submittedAt[recorded++] = submitted;
                    }
                }
                st.LastCloseD = closeD[s][b];
                st.Bar = b;
            }
            if (recorded > 1) OrderBySubmission(recorded);
            _currentStep = k;
            if (stepDay[k] != _day) NewDay(stepDay[k]);

            var equity = _cashD;
            for (var s = 0; s < state.Length; s++) equity += state[s].HeldD * state[s].LastCloseD;
            _equity[k] = equity;
            if (exactEquity) _exactEquity![k] = EquityNow();

            for (var e = k < tradeFromStep ? end : first; e < end; e++)
            {
                var s = entrySymbol[e];
                var b = entryBar[e];
                if (b == 0) continue;
                double f1 = _fast[s][b], s1 = _slow[s][b], f0 = _fast[s][b - 1], s0 = _slow[s][b - 1];
                if (f1 > s1 && f0 <= s0) TryBuy(s, equity);
                else if (f1 < s1 && f0 >= s0 && state[s].HeldD > 0) TrySell(s);
            }
            if (k + 1 < steps && stepDay[k + 1] == _day) EndOfFirstStepOfDay(equity);
        }
        return fills;
    }

    /// <summary>
    /// The full path lists the fills of one bar time in the order their orders were submitted (symbols on different calendars
    /// can fill orders of different steps at one time): a stable insertion sort of the last <paramref name="count"/> trades.
    /// </summary>
    private void OrderBySubmission(int count)
    {
        var offset = _trades.Count - count;
        for (var i = 1; i < count; i++)
        {
            var step = _submittedAt[i];
            var trade = _trades[offset + i];
            var j = i - 1;
            for (; j >= 0 && _submittedAt[j] > step; j--)
            {
                _submittedAt[j + 1] = _submittedAt[j];
                _trades[offset + j + 1] = _trades[offset + j];
            }
            _submittedAt[j + 1] = step;
            _trades[offset + j + 1] = trade;
        }
    }

    private void NewDay(int day)
    {
        _day = day;
        _tradesToday = 0;
        _dayStartKnown = false;
        _dayStartExactPending = false;
    }

    /// <summary>
    /// End of a step whose next step is on the same market day: the day's starting equity is the equity at the first refresh
    /// of the day (this step), as the risk manager sees it.
    /// </summary>
    private void EndOfFirstStepOfDay(double equityD)
    {
        if (!_dayStartKnown)
        {
            _dayStartEquity = EquityNow();
            SetDayStartD(equityD);
            _dayStartKnown = true;
        }
        else if (_dayStartExactPending)
        {
            _dayStartEquity = EquityNow();
            _dayStartExactPending = false;
        }
    }

    private void SetDayStartD(double equityD)
    {
        _dayStartD = equityD;
        _dayStartMagnitude = equityD - _cashD + Math.Abs(_cashD);
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
        var qtyD = st.PendingQtyD;
        st.PendingSide = 0;
        st.PendingQty = 0m;
        st.PendingQtyD = 0;
        _pendingCount--;
        // PaperPricing.FillPrice with its factor computed once.
        ref readonly var bar = ref _data.TradeBars[s][b];
        var price = Math.Round(bar.Open * (side == OrderSide.Buy ? _buyFactor : _sellFactor), PaperPricing.PriceDecimals, MidpointRounding.AwayFromZero);
        var commission = _perShare.TryCommission(qtyD, out var fee) ? fee : Commission(qty, price);
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
            st.HeldD += qtyD;
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
            st.HeldD -= qtyD;
        }
        _cashD = (double)_cash;
        var count = 0;
        for (var i = 0; i < _state.Length; i++)
            if (_state[i].HeldD != 0) _held[count++] = i;
        _heldCount = count;
        if (record) _trades.Add(new BacktestTrade(_data.Symbols[s], side, qty, price, commission, bar.Time));
        return true;
    }

    private void TryBuy(int s, double equityD)
    {
        if (_exactOnly || _cashD < 0 || ScreenBuy(s, equityD) == Screen.Unsure) TryBuyExact(s, equityD);
    }

    private enum Screen { Rejected, Accepted, Unsure }

    /// <summary>
    /// <see cref="TryBuyExact"/> in double, with cash not negative (so every sum below adds non-negative terms and its relative
    /// error stays below ~1e-14). Each comparison is decided only when the double figure is farther from the limit than
    /// <see cref="Margin"/> (relative) plus its proven rounding bound; otherwise <see cref="Screen.Unsure"/>, with no side effect.
    /// </summary>
    private Screen ScreenBuy(int s, double equityD)
    {
        ref var st = ref _state[s];
        var close = st.LastCloseD;
        var sizePct = _settings.PositionSizePct;
        if (equityD <= 0 || !double.IsFinite(sizePct) || sizePct <= 0) return Screen.Rejected;
        if (equityD > 1e18 || close > 1e12) return Screen.Unsure; // far outside market figures: leave decimal overflow to decimal
        var q = equityD * sizePct / 100 / close;
        if (!(q < 1e15)) return Screen.Unsure;
        var qty = Math.Floor(q);
        var tolerance = q * Margin;
        if (q - qty <= tolerance || qty + 1 - q <= tolerance) return Screen.Unsure;
        if (qty <= 0) return Screen.Rejected;

        var pendingQty = st.PendingSide > 0 ? st.PendingQtyD : 0;
        var position = Compare((st.HeldD + pendingQty + qty) * close / equityD * 100, 0, _settings.MaxPositionPct);
        if (position != Screen.Accepted) return position;

        // From here on the reference has recorded the day's starting equity when it was not known: done on every exit below
        // except Unsure (the exact path then records it itself).
        var startUnknown = !_dayStartKnown;
        var verdict = ScreenAfterPosition(s, equityD, qty, pendingQty, close);
        if (verdict == Screen.Unsure) return verdict;
        if (startUnknown)
        {
            _dayStartKnown = true;
            _dayStartExactPending = true;
            SetDayStartD(equityD);
        }
        if (verdict == Screen.Accepted) Submit(ref st, (decimal)qty, qty);
        return verdict;
    }

    private Screen ScreenAfterPosition(int s, double equityD, double qty, double pendingQty, double close)
    {
        // Daily loss: −(equity − start) / start × 100 ≤ limit; 0 when the start is not known (it becomes this equity) or ≤ 0.
        double loss = 0, lossError = 0;
        if (_dayStartKnown)
        {
            var start = _dayStartD;
            if (Math.Abs(start) <= _dayStartMagnitude * Margin) return Screen.Unsure; // sign of the decimal start not certain
            if (start > 0)
            {
                loss = -(equityD - start) / start * 100;
                lossError = Margin * 100 * (equityD + _dayStartMagnitude) / start;
            }
        }
        var daily = Compare(loss, lossError, _settings.MaxDailyLossPct);
        if (daily != Screen.Accepted) return daily;

        // Exposure: Σ (held + pending buy) × last close over all symbols, plus this order.
        var after = qty * close;
        var state = _state;
        for (var i = 0; i < state.Length; i++)
        {
            ref var other = ref state[i];
            var shares = other.HeldD + (other.PendingSide > 0 ? other.PendingQtyD : 0);
            if (shares != 0) after += shares * other.LastCloseD;
        }
        var exposure = Compare(after / equityD * 100, 0, _settings.MaxExposurePct);
        if (exposure != Screen.Accepted) return exposure;
        if (_tradesToday + 1 > _settings.MaxTradesPerDay) return Screen.Rejected;
        if (!(SignalConfidence >= _settings.MinConfidence)) return Screen.Rejected;

        // Cash: estimated cost of this buy ≤ cash − estimated cost of the open buys. A fill price is off the double one by at
        // most 0.00005 per share (rounding to 4 dp), a commission by at most 0.005 plus that price error × pct/100.
        var cost = EstimatedBuyCostD(close, qty);
        var bound = CostErrorBound(qty);
        double reserved = 0;
        if (_pendingCount != 0)
        {
            for (var i = 0; i < state.Length; i++)
            {
                ref var other = ref state[i];
                if (other.PendingSide <= 0) continue;
                reserved += EstimatedBuyCostD(other.LastCloseD, other.PendingQtyD);
                bound += CostErrorBound(other.PendingQtyD);
            }
        }
        var excess = cost + reserved - _cashD;
        bound += Margin * (cost + reserved + _cashD + 1);
        return excess > bound ? Screen.Rejected : excess < -bound ? Screen.Accepted : Screen.Unsure;
    }

    /// <summary>value ≤ limit, decided only when |value − limit| exceeds value's error bound plus the margin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Screen Compare(double value, double valueError, double limit)
    {
        if (!double.IsFinite(limit)) return Screen.Rejected;
        var tolerance = valueError + Margin * (Math.Abs(value) + Math.Abs(limit)) + TinyMargin;
        var difference = value - limit;
        return difference > tolerance ? Screen.Rejected : difference < -tolerance ? Screen.Accepted : Screen.Unsure;
    }

    private double EstimatedBuyCostD(double lastPrice, double qty)
    {
        var price = lastPrice * _buyFactorD;
        return price * qty + Math.Max(_minCommissionD, _perShareD * qty + price * qty * _commissionPctD / 100);
    }

    private double CostErrorBound(double qty) => qty * 0.0001 * (1 + Math.Abs(_commissionPctD) / 100) + 0.01;

    /// <summary>The reference decision in decimal (the risk manager and paper broker figures, as the full path makes them).</summary>
    private void TryBuyExact(int s, double equityD)
    {
        if (_dayStartExactPending)
        {
            _dayStartEquity = EquityNow(); // the state has not changed since the start was recorded at this step
            _dayStartExactPending = false;
        }
        var equity = EquityNow();
        var close = _data.Close[s][_state[s].Bar];
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
            SetDayStartD(equityD);
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
        Submit(ref st, qty, (double)qty);
    }

    private void Submit(ref SymbolState st, decimal qty, double qtyD)
    {
        if (st.PendingSide == 0) _pendingCount++;
        st.PendingSide = 1;
        st.PendingQty = qty;
        st.PendingQtyD = qtyD;
        st.PendingDay = _day;
        st.PendingStep = _currentStep;
        _tradesToday++;
    }

    private void TrySell(int s)
    {
        ref var st = ref _state[s];
        // A sell of the whole (long) position passes the position and exposure rules, and the trades-per-day and daily-loss
        // rules are waived for it (it adds no risk); confidence still applies. It still counts as one of the day's trades.
        if (!(SignalConfidence >= _settings.MinConfidence)) return;
        if (st.PendingSide < 0 && st.PendingQtyD > 0) return; // the shares are already offered (held − offered < held)
        if (st.PendingSide == 0) _pendingCount++;
        st.PendingSide = -1;
        st.PendingQty = st.Held;
        st.PendingQtyD = st.HeldD;
        st.PendingDay = _day;
        st.PendingStep = _currentStep;
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

    /// <summary>
    /// <see cref="PaperPricing.Commission(decimal, decimal, decimal, decimal, decimal)"/> for the common cost model, a per-share
    /// commission of at least two decimal places with no percentage part and whole-share quantities, in integer arithmetic:
    /// the same value and scale (two places; the minimum's own rounding when the minimum applies). Other models, and a raw
    /// commission within the margin of the minimum, are left to the decimal formula.
    /// </summary>
    internal readonly struct PerShareCommission
    {
        private readonly bool _enabled;
        private readonly long _mantissa;     // per-share commission = _mantissa / 10^scale
        private readonly long _toCents;      // 10^(scale − 2)
        private readonly double _perShare;
        private readonly double _minimum;
        private readonly decimal _minimumRounded;

        public PerShareCommission(BacktestCosts costs)
        {
            var bits = decimal.GetBits(costs.CommissionPerShare);
            var scale = (bits[3] >> 16) & 0xFF;
            _enabled = costs.CommissionPct == 0m && costs.CommissionPerShare >= 0m && bits[1] == 0 && bits[2] == 0 && bits[0] >= 0
                && scale is >= 2 and <= 20 && costs.MinCommission >= 0m;
            _mantissa = bits[0];
            _toCents = 1;
            for (var i = 2; i < scale; i++) _toCents *= 10;
            _perShare = (double)costs.CommissionPerShare;
            _minimum = (double)costs.MinCommission;
            _minimumRounded = Math.Round(costs.MinCommission, PaperPricing.CommissionDecimals, MidpointRounding.AwayFromZero);
        }

        /// <summary>The commission of <paramref name="qty"/> shares (whole, as a double), when this model can tell it exactly.</summary>
        public bool TryCommission(double qty, out decimal commission)
        {
            commission = 0m;
            if (!_enabled || !(qty > 0 && qty < int.MaxValue) || qty != Math.Floor(qty)) return false;
            var raw = _perShare * qty;
            var tolerance = Margin * (raw + _minimum) + TinyMargin;
            if (raw < _minimum - tolerance)
            {
                commission = _minimumRounded; // Math.Max picks the minimum
                return true;
            }
            if (!(raw > _minimum + tolerance)) return false;
            var units = _mantissa * (long)qty; // raw × 10^scale, exact: mantissa < 2^31 and qty < 2^31
            var cents = units / _toCents;
            if ((units - cents * _toCents) * 2 >= _toCents) cents++; // midpoint away from zero
            commission = new decimal((int)(cents & 0xFFFFFFFF), (int)(cents >> 32), 0, false, PaperPricing.CommissionDecimals);
            return true;
        }
    }

    private struct SymbolState
    {
        public decimal Held;
        public double HeldD;
        public double LastCloseD;
        public int Bar;
        public sbyte PendingSide;   // +1 buy, −1 sell, 0 none
        public decimal PendingQty;
        public double PendingQtyD;
        public int PendingDay;
        public int PendingStep;     // step of submission (merged loop only)
    }
}
