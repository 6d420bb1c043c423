using System.Globalization;
using Microsoft.Extensions.Options;
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
/// the position, exposure and daily-loss rules, but selling more than is held (short selling) is refused.
/// </summary>
public sealed class RiskManager(IOptionsMonitor<RiskOptions> options)
{
    /// <summary>Evaluates all rules for <paramref name="order"/>; approved only if it trades (side and quantity &gt; 0) and every check passed.</summary>
    public RiskVerdict Evaluate(ProposedOrder order, PortfolioSnapshot portfolio)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(portfolio);
        var limits = options.CurrentValue;
        var ctx = new Context(order, portfolio);
        RiskCheck[] checks =
        [
            PositionSize(ctx, limits.MaxPositionPct),
            DailyLoss(ctx, limits.MaxDailyLossPct),
            Exposure(ctx, limits.MaxExposurePct),
            TradesPerDay(ctx, limits.MaxTradesPerDay),
            Confidence(ctx, limits.MinConfidence),
        ];
        var approved = order.Side is not null && order.Quantity > 0 && Array.TrueForAll(checks, c => c.Passed);
        return new RiskVerdict(approved, checks);
    }

    private static RiskCheck PositionSize(Context c, double limit)
    {
        const string rule = RiskRules.PositionSize;
        var current = c.Pct(c.HeldValue);
        switch (c.Order.Side)
        {
            case null:
                if (!c.EquityPositive) return Fail(rule, 0, limit, $"Equity is {M(c.Equity)}, not positive: the {c.Symbol} position cannot be measured");
                return Judge(rule, current, limit, $"Position in {c.Symbol} is {P(current)}% of equity");
            case OrderSide.Buy:
                if (c.Order.Quantity <= 0) return Fail(rule, current, limit, $"Buy of {Q(c.Order.Quantity)} shares of {c.Symbol}: nothing to buy");
                if (c.Mark <= 0) return Fail(rule, current, limit, $"Buy of {c.Symbol} has no valid price ({M(c.Order.Price)})");
                if (!c.EquityPositive) return Fail(rule, 0, limit, $"Equity is {M(c.Equity)}, not positive: buys are refused");
                var after = c.Pct(Math.Abs((c.HeldQuantity + c.PendingQuantity + c.Order.Quantity) * c.Mark));
                return Judge(rule, after, limit, $"Position in {c.Symbol} would be {P(after)}% of equity{c.PendingNote}");
            default:
                if (c.HeldQuantity <= 0) return Fail(rule, current, limit, $"Sell of {Q(c.Order.Quantity)} shares of {c.Symbol} but no position is held (no short selling)");
                if (c.Order.Quantity <= 0) return Fail(rule, current, limit, $"Sell of {Q(c.Order.Quantity)} shares of {c.Symbol}: nothing to sell");
                if (c.Order.Quantity > c.HeldQuantity) return Fail(rule, current, limit, $"Sell of {Q(c.Order.Quantity)} shares of {c.Symbol} exceeds the {Q(c.HeldQuantity)} held (no short selling)");
                var remaining = c.Pct(Math.Abs((c.HeldQuantity - c.Order.Quantity) * c.Mark));
                return Pass(rule, remaining, limit, $"Sell reduces the {c.Symbol} position to {P(remaining)}% of equity (limit {L(limit)}%)");
        }
    }

    private static RiskCheck DailyLoss(Context c, double limit)
    {
        const string rule = RiskRules.DailyLoss;
        var loss = -c.Portfolio.DayPnlPct;
        var state = loss > 0 ? $"Day loss {P(loss)}%" : $"Day P&L +{P(-loss)}% (no loss)";
        if (c.Order.Side == OrderSide.Sell)
            return Pass(rule, loss, limit, $"{state}; sells always pass as they reduce risk (limit {L(limit)}%)");
        var within = Within(loss, limit);
        var consequence = c.Order.Side == OrderSide.Buy ? "no new buys" : "new buys are blocked";
        return new RiskCheck(rule, within, Stored(loss), limit, within
            ? $"{state} is within the {L(limit)}% limit"
            : $"{state} exceeds the {L(limit)}% limit: {consequence}");
    }

    private static RiskCheck Exposure(Context c, double limit)
    {
        const string rule = RiskRules.Exposure;
        var current = c.Portfolio.Exposure + c.Portfolio.PendingBuyValue;
        if (c.Order.Side is null)
        {
            if (!c.EquityPositive) return Fail(rule, 0, limit, $"Equity is {M(c.Equity)}, not positive: exposure cannot be measured");
            var pct = c.Pct(current);
            return Judge(rule, pct, limit, $"Exposure is {P(pct)}% of equity");
        }
        var signed = c.Order.Side == OrderSide.Buy ? c.Order.Quantity : -c.Order.Quantity;
        var symbolBefore = Math.Abs((c.HeldQuantity + c.PendingQuantity) * c.Mark);
        var symbolAfter = Math.Abs((c.HeldQuantity + c.PendingQuantity + signed) * c.Mark);
        var after = Math.Max(0m, current - c.HeldValue - c.PendingValue + symbolAfter);
        var reduces = c.Order.Side == OrderSide.Sell && symbolAfter <= symbolBefore;
        if (!c.EquityPositive)
        {
            return reduces
                ? Pass(rule, 0, limit, $"Equity is {M(c.Equity)}, not positive; the sell is allowed as it reduces exposure")
                : Fail(rule, 0, limit, $"Equity is {M(c.Equity)}, not positive: orders that add exposure are refused");
        }
        var afterPct = c.Pct(after);
        if (reduces && !Within(afterPct, limit))
            return Pass(rule, afterPct, limit, $"Exposure would be {P(afterPct)}% of equity, above the {L(limit)}% limit, but the sell reduces it");
        return Judge(rule, afterPct, limit, $"Exposure would be {P(afterPct)}% of equity{c.PendingNote}");
    }

    private static RiskCheck TradesPerDay(Context c, int limit)
    {
        const string rule = RiskRules.TradesPerDay;
        var today = c.Portfolio.TradesToday;
        if (c.Order.Side is null)
        {
            return today < limit
                ? Pass(rule, today, limit, $"{today} of {limit} trades used today")
                : Fail(rule, today, limit, $"{today} of {limit} trades used today: the daily limit is reached");
        }
        var count = today + 1;
        return count <= limit
            ? Pass(rule, count, limit, $"Order would be trade {count} of at most {limit} today")
            : Fail(rule, count, limit, $"Order would be trade {count} today, above the limit of {limit}");
    }

    private static RiskCheck Confidence(Context c, double minimum)
    {
        var confidence = c.Order.Proposal.Confidence;
        var passed = confidence >= minimum;
        return new RiskCheck(RiskRules.Confidence, passed, double.IsFinite(confidence) ? confidence : 0, minimum, passed
            ? $"Confidence {F(confidence)} meets the minimum {L(minimum)}"
            : $"Confidence {F(confidence)} is below the minimum {L(minimum)}");
    }

    /// <summary>Pass when <paramref name="valuePct"/> ≤ limit; exactly at the limit passes. Compared in decimal so the boundary is exact.</summary>
    private static RiskCheck Judge(string rule, decimal valuePct, double limit, string measured) =>
        Within(valuePct, limit)
            ? Pass(rule, valuePct, limit, $"{measured}, within the {L(limit)}% limit")
            : Fail(rule, valuePct, limit, $"{measured}, above the {L(limit)}% limit");

    private static bool Within(decimal value, double limit) => double.IsFinite(limit) && value <= (decimal)limit;

    private static RiskCheck Pass(string rule, decimal value, double limit, string reason) => new(rule, true, Stored(value), limit, reason);

    private static RiskCheck Fail(string rule, decimal value, double limit, string reason) => new(rule, false, Stored(value), limit, reason);

    /// <summary>The value as recorded: rounded to 4 decimals for the journal; pass/fail was decided on the exact decimal.</summary>
    private static double Stored(decimal value) => (double)Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static string P(decimal pct) => pct.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string L(double limit) => limit.ToString("0.##", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string M(decimal money) => money.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Q(decimal quantity) => quantity.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The figures every rule needs, computed once per evaluation.</summary>
    private sealed class Context(ProposedOrder order, PortfolioSnapshot portfolio)
    {
        public ProposedOrder Order { get; } = order;
        public PortfolioSnapshot Portfolio { get; } = portfolio;
        public string Symbol => Order.Proposal.Symbol;
        public decimal Equity => Portfolio.Equity;
        public bool EquityPositive => Portfolio.Equity > 0;
        public Position? Held { get; } = portfolio.PositionOf(order.Proposal.Symbol);
        public decimal HeldQuantity => Held?.Quantity ?? 0m;

        /// <summary>Market value of the held position at its own last price (as in <see cref="PortfolioSnapshot.Exposure"/>).</summary>
        public decimal HeldValue => Math.Abs(Held?.MarketValue ?? 0m);

        /// <summary>Shares of this symbol in buy orders sent but not yet filled: counted as held.</summary>
        public decimal PendingQuantity { get; } = portfolio.PendingBuyQuantity(order.Proposal.Symbol);

        /// <summary>Value of this symbol's pending buys as included in <see cref="PortfolioSnapshot.PendingBuyValue"/>.</summary>
        public decimal PendingValue
        {
            get
            {
                var sum = 0m;
                foreach (var p in Portfolio.PendingBuys)
                    if (p.Symbol == Symbol) sum += p.Value;
                return sum;
            }
        }

        public string PendingNote => Portfolio.PendingBuys.Count == 0 ? "" : " (counting buys not yet filled)";

        /// <summary>The price the order is marked at: its own estimate, else the position's last price.</summary>
        public decimal Mark => Order.Price > 0 ? Order.Price : Held?.LastPrice ?? 0m;

        /// <summary>A money amount as a percent of equity; 0 when equity is not positive (callers check first).</summary>
        public decimal Pct(decimal value) => EquityPositive ? value / Equity * 100m : 0m;
    }
}
