using System.Globalization;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Text;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;

namespace WawaTrader.Core.Risk;

/// <summary>
/// Judges a proposed order against the risk limits. A pure, synchronous function of (order, portfolio snapshot,
/// current <see cref="RiskOptions"/>): every one of the five rules is evaluated every time and recorded with its
/// numbers, pass or fail. The options are read from the monitor on each call, so a settings change applies to the
/// next evaluation. Percentages are of current equity; an order is marked at its <see cref="ProposedOrder.Price"/>.
/// A Hold (no side) is evaluated as state checks on the current portfolio and is never approved.
/// Fail safe: equity that is not positive rejects buys (no division by zero); sells that reduce risk always pass
/// the position and exposure rules, but selling more than is held (short selling) is refused. The trades-per-day and
/// daily-loss rules limit new risk: for a sell that reduces or closes a long position they are <see cref="RiskCheck.Waived"/>
/// (recorded with where the limit stands), so a used-up limit never traps the trader in a position, stop-losses included.
/// </summary>
public sealed class RiskManager(IOptionsMonitor<RiskOptions> options)
{
    /// <summary>Evaluates all rules for <paramref name="order"/>; approved only if it trades (side and quantity &gt; 0) and every check passed.</summary>
    /// <param name="explain">Whether to write each check's reason (true, always in live trading); a technical-only backtest, which
    /// keeps only the numbers, passes false and gets the same verdict with empty reasons, the checks of an order stopping at the
    /// first that fails.</param>
    public RiskVerdict Evaluate(ProposedOrder order, PortfolioSnapshot portfolio, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(portfolio);
        var limits = options.CurrentValue;
        var ctx = new Context(order, RiskPortfolio.Of(portfolio, order.Proposal.Symbol), explain);
        if (!explain && order.Side is not null) return EvaluateQuietly(ref ctx, limits, keepRefusal: true)!;
        RiskCheck[] checks =
        [
            PositionSize(ref ctx, limits.MaxPositionPct).ToCheck(),
            DailyLoss(ref ctx, limits.MaxDailyLossPct).ToCheck(),
            Exposure(ref ctx, limits.MaxExposurePct).ToCheck(),
            TradesPerDay(ref ctx, limits.MaxTradesPerDay).ToCheck(),
            Confidence(ref ctx, limits.MinConfidence).ToCheck(),
        ];
        var approved = order.Side is not null && order.Quantity > 0 && Array.TrueForAll(checks, c => c.Passed);
        return new RiskVerdict(approved, checks);
    }

    /// <summary>
    /// For a caller that keeps only orders (a technical-only backtest): the verdict <see cref="Evaluate"/> gives with
    /// <c>explain</c> off when it approves, and null when it refuses — then nothing of the refusal is built.
    /// </summary>
    internal RiskVerdict? ApprovalOrNull(ProposedOrder order, PortfolioSnapshot portfolio)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(portfolio);
        return ApprovalOrNull(order, RiskPortfolio.Of(portfolio, order.Proposal.Symbol));
    }

    /// <summary>As <see cref="ApprovalOrNull(ProposedOrder, PortfolioSnapshot)"/>, with the figures the rules read already in hand
    /// (a backtest reads them from its paper book).</summary>
    internal RiskVerdict? ApprovalOrNull(ProposedOrder order, in RiskPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Side is null) return null; // a Hold is never approved
        var limits = options.CurrentValue;
        if (order.Side == OrderSide.Buy && ClearlyRefusedBuy(order.Proposal.Confidence, order.Quantity, order.Price, portfolio, limits)) return null;
        return ExactApprovalOrNull(order, portfolio, limits);
    }

    /// <summary>As <see cref="ApprovalOrNull(ProposedOrder, in RiskPortfolio)"/> for an order the caller has already put through
    /// <see cref="ClearlyRefusesBuy"/> (a backtest does, before it makes the order): the exact rules alone.</summary>
    internal RiskVerdict? ExactApprovalOrNull(ProposedOrder order, in RiskPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Side is null ? null : ExactApprovalOrNull(order, portfolio, options.CurrentValue);
    }

    private static RiskVerdict? ExactApprovalOrNull(ProposedOrder order, in RiskPortfolio portfolio, RiskOptions limits)
    {
        var ctx = new Context(order, portfolio, explain: false);
        var verdict = EvaluateQuietly(ref ctx, limits, keepRefusal: false);
        return verdict is { Approved: true } ? verdict : null;
    }

    /// <summary>
    /// The verdict of a run that explains nothing (a backtest): the same five rules, cheapest and likeliest to fail first, stopping at the first that
    /// fails — one failure rejects, so the verdict is the same; the rejected order's remaining checks would only describe it.
    /// An approved order has all five checks, in the usual order; a refusal is its one failed check, or null when not kept.
    /// </summary>
    private static RiskVerdict? EvaluateQuietly(ref Context ctx, RiskOptions limits, bool keepRefusal)
    {
        var confidence = Confidence(ref ctx, limits.MinConfidence);
        if (!confidence.Passed) return Refusal(confidence, keepRefusal);
        var trades = TradesPerDay(ref ctx, limits.MaxTradesPerDay);
        if (!trades.Passed) return Refusal(trades, keepRefusal);
        // The position rule before the daily loss: a strategy that keeps asking to buy what it already holds fails it most.
        var position = PositionSize(ref ctx, limits.MaxPositionPct);
        if (!position.Passed) return Refusal(position, keepRefusal);
        var dailyLoss = DailyLoss(ref ctx, limits.MaxDailyLossPct);
        if (!dailyLoss.Passed) return Refusal(dailyLoss, keepRefusal);
        var exposure = Exposure(ref ctx, limits.MaxExposurePct);
        if (!exposure.Passed) return Refusal(exposure, keepRefusal);
        return new RiskVerdict(ctx.Order.Quantity > 0, [position.ToCheck(), dailyLoss.ToCheck(), exposure.ToCheck(), trades.ToCheck(), confidence.ToCheck()]);
    }

    /// <summary>
    /// Whether a buy fails a rule by so much that its exact evaluation can only refuse it: the confidence and trade-count rules
    /// as they are, and the position and exposure rules in double with a margin of a millionth of the limit (plus a millionth
    /// of a percent), thousands of times wider than double's error on these sums. A buy this says nothing about is judged in
    /// full; one refusal is as good as another, as a refusal of <see cref="ApprovalOrNull(ProposedOrder, in RiskPortfolio)"/> is
    /// not kept. A backtest's buys mostly ask for more of what is already held, and this spares each the decimal arithmetic.
    /// </summary>
    private static bool ClearlyRefusedBuy(double confidence, decimal quantity, decimal price, in RiskPortfolio p, RiskOptions limits)
    {
        if (!(confidence >= limits.MinConfidence)) return true;
        if (p.TradesToday + 1 > limits.MaxTradesPerDay) return true;
        if (quantity <= 0m || !(p.Equity > 0m)) return true;
        var mark = price > 0m ? price : p.HeldLastPrice;
        if (mark <= 0m) return true;
        var equity = (double)p.Equity;
        var symbolAfter = Math.Abs(((double)p.HeldQuantity + (double)p.PendingQuantity + (double)quantity) * (double)mark);
        if (ClearlyAbove(symbolAfter / equity * 100.0, limits.MaxPositionPct)) return true;
        var after = Math.Max(0.0, (double)p.Exposure + (double)p.PendingBuyValue - (double)p.HeldValue - (double)p.PendingValue + symbolAfter);
        return ClearlyAbove(after / equity * 100.0, limits.MaxExposurePct);
    }

    /// <summary>Whether a buy of <paramref name="quantity"/> shares at <paramref name="price"/> with <paramref name="confidence"/>
    /// would be refused by <see cref="ApprovalOrNull(ProposedOrder, in RiskPortfolio)"/> for certain, decided cheaply (see
    /// <see cref="ClearlyRefusedBuy(double, decimal, decimal, in RiskPortfolio, RiskOptions)"/>); false says nothing.</summary>
    internal bool ClearlyRefusesBuy(double confidence, decimal quantity, decimal price, in RiskPortfolio portfolio) =>
        ClearlyRefusedBuy(confidence, quantity, price, portfolio, options.CurrentValue);

    private static bool ClearlyAbove(double approxPct, double limit) => double.IsFinite(limit) && approxPct > limit * (1 + 1e-6) + 1e-6;

    private static RiskVerdict? Refusal(Outcome failed, bool keep) => keep ? new RiskVerdict(false, [failed.ToCheck()]) : null;

    private static Outcome PositionSize(ref Context c, double limit)
    {
        const string rule = RiskRules.PositionSize;
        switch (c.Order.Side)
        {
            case null:
                if (!c.EquityPositive) return Fail(rule, 0, limit, Prose.Format(c.Explain, $"Equity is {c.Equity:0.00}, not positive: the {c.Symbol} position cannot be measured"));
                var current = c.Pct(c.HeldValue);
                return Judge(ref c, rule, current, limit, Prose.Format(c.Explain, $"Position in {c.Symbol} is {current.Exact:0.0#}% of equity"));
            case OrderSide.Buy:
                if (c.Order.Quantity <= 0) return Fail(rule, c.Stored(c.Pct(c.HeldValue)), limit, Prose.Format(c.Explain, $"Buy of {c.Order.Quantity:0.####} shares of {c.Symbol}: nothing to buy"));
                if (c.Mark <= 0) return Fail(rule, c.Stored(c.Pct(c.HeldValue)), limit, Prose.Format(c.Explain, $"Buy of {c.Symbol} has no valid price ({c.Order.Price:0.00})"));
                if (!c.EquityPositive) return Fail(rule, 0, limit, Prose.Format(c.Explain, $"Equity is {c.Equity:0.00}, not positive: buys are refused"));
                var after = c.Pct(Math.Abs((c.HeldQuantity + c.PendingQuantity + c.Order.Quantity) * c.Mark));
                return Judge(ref c, rule, after, limit, Prose.Format(c.Explain, $"Position in {c.Symbol} would be {after.Exact:0.0#}% of equity{c.PendingNote}"));
            default:
                if (c.HeldQuantity <= 0) return Fail(rule, c.Stored(c.Pct(c.HeldValue)), limit, Prose.Format(c.Explain, $"Sell of {c.Order.Quantity:0.####} shares of {c.Symbol} but no position is held (no short selling)"));
                if (c.Order.Quantity <= 0) return Fail(rule, c.Stored(c.Pct(c.HeldValue)), limit, Prose.Format(c.Explain, $"Sell of {c.Order.Quantity:0.####} shares of {c.Symbol}: nothing to sell"));
                if (c.Order.Quantity > c.HeldQuantity) return Fail(rule, c.Stored(c.Pct(c.HeldValue)), limit, Prose.Format(c.Explain, $"Sell of {c.Order.Quantity:0.####} shares of {c.Symbol} exceeds the {c.HeldQuantity:0.####} held (no short selling)"));
                var remaining = c.Pct(Math.Abs((c.HeldQuantity - c.Order.Quantity) * c.Mark));
                return Pass(rule, c.Stored(remaining), limit, Prose.Format(c.Explain, $"Sell reduces the {c.Symbol} position to {remaining.Exact:0.0#}% of equity (limit {limit:0.##}%)"));
        }
    }

    private static Outcome DailyLoss(ref Context c, double limit)
    {
        const string rule = RiskRules.DailyLoss;
        // The day's loss in percent of its starting equity: −(day P&L %) exactly as the snapshot computes it.
        var loss = new Percent(-c.Portfolio.DayPnl, c.Portfolio.DayStartEquity);
        if (c.ReducesLong)
        {
            return Waive(rule, c.Stored(loss), limit, loss.IsPositive
                ? Prose.Format(c.Explain, $"Waived: {c.ReducingSell} adds no risk; day loss {loss.Exact:0.0#}% (limit {limit:0.##}%)")
                : Prose.Format(c.Explain, $"Waived: {c.ReducingSell} adds no risk; day P&L +{-loss.Exact:0.0#}% (limit {limit:0.##}%)"));
        }
        var state = loss.IsPositive ? Prose.Format(c.Explain, $"Day loss {loss.Exact:0.0#}%") : Prose.Format(c.Explain, $"Day P&L +{-loss.Exact:0.0#}% (no loss)");
        var within = Within(loss, limit);
        var consequence = c.Order.Side switch
        {
            OrderSide.Buy => "no new buys",
            OrderSide.Sell => "only sells that reduce a position are allowed",
            _ => "new buys are blocked",
        };
        return new Outcome(rule, within, c.Stored(loss), limit, within
            ? Prose.Format(c.Explain, $"{state} is within the {limit:0.##}% limit")
            : Prose.Format(c.Explain, $"{state} exceeds the {limit:0.##}% limit: {consequence}"));
    }

    private static Outcome Exposure(ref Context c, double limit)
    {
        const string rule = RiskRules.Exposure;
        var current = c.Portfolio.Exposure + c.Portfolio.PendingBuyValue;
        if (c.Order.Side is null)
        {
            if (!c.EquityPositive) return Fail(rule, 0, limit, Prose.Format(c.Explain, $"Equity is {c.Equity:0.00}, not positive: exposure cannot be measured"));
            var pct = c.Pct(current);
            return Judge(ref c, rule, pct, limit, Prose.Format(c.Explain, $"Exposure is {pct.Exact:0.0#}% of equity"));
        }
        var signed = c.Order.Side == OrderSide.Buy ? c.Order.Quantity : -c.Order.Quantity;
        var symbolAfter = Math.Abs((c.HeldQuantity + c.PendingQuantity + signed) * c.Mark);
        var after = Math.Max(0m, current - c.HeldValue - c.PendingValue + symbolAfter);
        var reduces = c.Order.Side == OrderSide.Sell && symbolAfter <= Math.Abs((c.HeldQuantity + c.PendingQuantity) * c.Mark);
        if (!c.EquityPositive)
        {
            return reduces
                ? Pass(rule, 0, limit, Prose.Format(c.Explain, $"Equity is {c.Equity:0.00}, not positive; the sell is allowed as it reduces exposure"))
                : Fail(rule, 0, limit, Prose.Format(c.Explain, $"Equity is {c.Equity:0.00}, not positive: orders that add exposure are refused"));
        }
        var afterPct = c.Pct(after);
        if (reduces && !Within(afterPct, limit))
            return Pass(rule, c.Stored(afterPct), limit, Prose.Format(c.Explain, $"Exposure would be {afterPct.Exact:0.0#}% of equity, above the {limit:0.##}% limit, but the sell reduces it"));
        return Judge(ref c, rule, afterPct, limit, Prose.Format(c.Explain, $"Exposure would be {afterPct.Exact:0.0#}% of equity{c.PendingNote}"));
    }

    private static Outcome TradesPerDay(ref Context c, int limit)
    {
        const string rule = RiskRules.TradesPerDay;
        var today = c.Portfolio.TradesToday;
        if (c.Order.Side is null)
        {
            return today < limit
                ? Pass(rule, today, limit, Prose.Format(c.Explain, $"{today} of {limit} trades used today"))
                : Fail(rule, today, limit, Prose.Format(c.Explain, $"{today} of {limit} trades used today: the daily limit is reached"));
        }
        var count = today + 1;
        if (c.ReducesLong)
            return Waive(rule, count, limit, Prose.Format(c.Explain, $"Waived: {c.ReducingSell} adds no risk; {today} of {limit} trades used today"));
        return count <= limit
            ? Pass(rule, count, limit, Prose.Format(c.Explain, $"Order would be trade {count} of at most {limit} today"))
            : Fail(rule, count, limit, Prose.Format(c.Explain, $"Order would be trade {count} today, above the limit of {limit}"));
    }

    private static Outcome Confidence(ref Context c, double minimum)
    {
        var confidence = c.Order.Proposal.Confidence;
        var passed = confidence >= minimum;
        return new Outcome(RiskRules.Confidence, passed, double.IsFinite(confidence) ? confidence : 0, minimum, passed
            ? Prose.Format(c.Explain, $"Confidence {confidence:0.0} meets the minimum {minimum:0.##}")
            : Prose.Format(c.Explain, $"Confidence {confidence:0.0} is below the minimum {minimum:0.##}"));
    }

    /// <summary>Pass when <paramref name="valuePct"/> ≤ limit; exactly at the limit passes (the boundary is decided in decimal).</summary>
    private static Outcome Judge(ref Context c, string rule, Percent valuePct, double limit, string measured) =>
        Within(valuePct, limit)
            ? new Outcome(rule, true, c.Stored(valuePct), limit, Prose.Format(c.Explain, $"{measured}, within the {limit:0.##}% limit"))
            : new Outcome(rule, false, c.Stored(valuePct), limit, Prose.Format(c.Explain, $"{measured}, above the {limit:0.##}% limit"));

    /// <summary>Whether <paramref name="value"/> ≤ <paramref name="limit"/>, exactly as comparing the decimal percent with the
    /// limit converted to decimal. Decided in double when the value is clearly on one side (both conversions are exact to ~1e-15
    /// relative, far inside the 1e-9 margin); only a value within the margin pays for the decimal division.</summary>
    private static bool Within(Percent value, double limit)
    {
        if (!double.IsFinite(limit)) return false;
        var approx = value.Approx;
        var margin = 1e-9 * Math.Max(1.0, Math.Abs(limit));
        if (approx < limit - margin) return true;
        if (approx > limit + margin) return false;
        return value.Exact <= (decimal)limit;
    }

    private static Outcome Pass(string rule, double value, double limit, string reason) => new(rule, true, value, limit, reason);

    private static Outcome Fail(string rule, double value, double limit, string reason) => new(rule, false, value, limit, reason);

    /// <summary>A rule that does not apply to the order (it passes, marked waived; the value still says where the limit stands).</summary>
    private static Outcome Waive(string rule, double value, double limit, string reason) => new(rule, true, value, limit, reason, Waived: true);

    /// <summary>One rule's result as the rules compute it: a value, so a quiet evaluation that stops at the first failure makes a
    /// <see cref="RiskCheck"/> only of what the verdict keeps.</summary>
    private readonly record struct Outcome(string Rule, bool Passed, double Value, double Limit, string Reason, bool Waived = false)
    {
        public RiskCheck ToCheck() => new(Rule, Passed, Value, Limit, Reason, Waived);
    }

    /// <summary>The value as recorded: rounded to 4 decimals for the journal; pass/fail was decided on the exact decimal.</summary>
    private static double Stored(decimal value) => (double)Math.Round(value, 4, MidpointRounding.AwayFromZero);

    // Reason texts are formatted in place, invariant culture: percents 0.0#, limits 0.##, confidence 0.0, money 0.00, shares 0.####.

    /// <summary>An amount as a percent of a base: <see cref="Exact"/> is amount ÷ base × 100 in decimal (0 when the base is not
    /// positive), as the rules have always compared it; <see cref="Approx"/> the same in double, for a cheap first look.</summary>
    private readonly struct Percent(decimal amount, decimal of, double ofApprox)
    {
        /// <summary>A percent whose denominator the caller has not converted to double yet.</summary>
        public Percent(decimal amount, decimal of) : this(amount, of, (double)of) { }

        public decimal Exact => of > 0 ? amount / of * 100m : 0m;

        // Read by the limit check and the record; ofApprox is (double)of, converted once per evaluation for the equity.
        public double Approx { get; } = of > 0 ? (double)amount / ofApprox * 100.0 : 0.0;

        public bool IsPositive => of > 0 && amount > 0;
    }

    /// <summary>The order and the figures every rule reads, with the equity as a double converted once (on first use) for every
    /// percent of equity of this evaluation. A value on the caller's stack, passed by reference to each rule.</summary>
    private struct Context(ProposedOrder order, RiskPortfolio portfolio, bool explain)
    {
        private double _equityApprox = double.NaN;

        public readonly ProposedOrder Order { get; } = order;
        public readonly bool Explain { get; } = explain;
        public readonly RiskPortfolio Portfolio { get; } = portfolio;
        public readonly string Symbol => Order.Proposal.Symbol;
        public readonly decimal Equity => Portfolio.Equity;
        public readonly bool EquityPositive => Portfolio.Equity > 0;
        public readonly decimal HeldQuantity => Portfolio.HeldQuantity;

        /// <summary>Market value of the held position at its own last price (as in <see cref="PortfolioSnapshot.Exposure"/>).</summary>
        public readonly decimal HeldValue => Portfolio.HeldValue;

        /// <summary>Shares of this symbol in buy orders sent but not yet filled: counted as held.</summary>
        public readonly decimal PendingQuantity => Portfolio.PendingQuantity;

        /// <summary>Value of this symbol's pending buys as included in <see cref="PortfolioSnapshot.PendingBuyValue"/>.</summary>
        public readonly decimal PendingValue => Portfolio.PendingValue;

        public readonly string PendingNote => Portfolio.HasPendingBuys ? " (counting buys not yet filled)" : "";

        /// <summary>Whether the order is a sell of some or all of a long position (0 &lt; shares ≤ held): it adds no risk, so the
        /// rules that limit new risk (trades per day, daily loss) are waived for it.</summary>
        public readonly bool ReducesLong => Order.Side == OrderSide.Sell && Order.Quantity > 0 && Order.Quantity <= HeldQuantity;

        /// <summary>"a sell that closes the AAPL position" (all of it) or "... reduces ..." (part of it), for a waiver's reason.</summary>
        public readonly string ReducingSell => Order.Quantity == HeldQuantity
            ? $"a sell that closes the {Symbol} position"
            : $"a sell that reduces the {Symbol} position";

        /// <summary>The price the order is marked at: its own estimate, else the position's last price.</summary>
        public readonly decimal Mark => Order.Price > 0 ? Order.Price : Portfolio.HeldLastPrice;

        /// <summary>A money amount as a percent of equity; 0 when equity is not positive (callers check first).</summary>
        public Percent Pct(decimal value)
        {
            if (double.IsNaN(_equityApprox)) _equityApprox = (double)Portfolio.Equity;
            return new(value, Equity, _equityApprox);
        }

        /// <summary>A percent as recorded: the exact decimal rounded to 4 places when explaining; otherwise (nobody reads the
        /// text, and the value only describes the check) the double quotient rounded to 4 places, which can differ only in the
        /// last place, at an exact midpoint.</summary>
        public readonly double Stored(Percent value) => Explain ? RiskManager.Stored(value.Exact) : Math.Round(value.Approx, 4, MidpointRounding.AwayFromZero);
    }
}
