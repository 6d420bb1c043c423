using System.Globalization;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// The alerts of the engine's events, as pure functions (money with two decimals, quantities as given, invariant culture).
/// A change of state (halted/resumed, offline/back) has no dedup key: its source raises it only on a change, and suppressing
/// one would leave a reader believing the wrong state (a flapping dependency is bounded by the group window instead).
/// </summary>
public static class AlertBuilders
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>A filled order: "BUY 12 NVDA @ 131.20" at the fills' average price, with the decision's reasoning in one line.</summary>
    public static Alert Trade(OrderRecord order, string? reasoning, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(order);
        var quantity = order.Fills.Sum(f => f.Quantity) is > 0 and var filled ? filled : order.Quantity;
        var price = order.Fills.Count == 0 ? 0m : order.Fills.Sum(f => f.Price * f.Quantity) / quantity;
        var side = order.Side.ToString().ToUpperInvariant();
        var line = OneLine(reasoning);
        var summary = $"{side} {Qty(quantity)} {order.Symbol} @ {Money(price)}";
        List<AlertField> fields =
        [
            new("Side", side), new("Quantity", Qty(quantity)), new("Symbol", order.Symbol), new("Price", Money(price)),
            new("Value", Money(price * quantity)),
        ];
        if (line.Length > 0) fields.Add(new("Reasoning", line));
        var body = line.Length > 0 ? $"{summary} filled. Why: {line}" : $"{summary} filled.";
        return new Alert(AlertType.Trade, AlertSeverity.Info, summary, body, fields, now, order.DecisionId, $"trade:{order.ClientOrderId}");
    }

    /// <summary>An order the broker refused, with its reason.</summary>
    public static Alert BrokerRejection(OrderRecord order, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(order);
        var reason = string.IsNullOrWhiteSpace(order.RejectReason) ? "no reason given" : OneLine(order.RejectReason);
        var summary = $"{order.Side.ToString().ToUpperInvariant()} {Qty(order.Quantity)} {order.Symbol} refused by the broker";
        return new Alert(AlertType.OrderRejected, AlertSeverity.Warning, summary, $"The broker refused the order: {reason}",
            [new("Symbol", order.Symbol), new("Rejected by", "broker"), new("Reason", reason)], now, order.DecisionId, $"broker-rejected:{order.Symbol}:{reason}");
    }

    /// <summary>A proposal the risk manager refused: each failed rule with its value against its limit. Null when no rule failed.</summary>
    public static Alert? RuleRejection(DecisionRecord decision, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var failed = decision.RiskChecks.Where(c => !c.Passed).ToList();
        if (failed.Count == 0) return null;
        var rules = string.Join(", ", failed.Select(c => c.Rule));
        var summary = $"{decision.Action.ToString().ToUpperInvariant()} {decision.Symbol} stopped by {rules}";
        var fields = new List<AlertField> { new("Symbol", decision.Symbol), new("Rejected by", "risk rules") };
        fields.AddRange(failed.Select(c => new AlertField(c.Rule, $"{c.Value.ToString("0.##", C)} against a limit of {c.Limit.ToString("0.##", C)}: {c.Reason}")));
        return new Alert(AlertType.OrderRejected, AlertSeverity.Warning, summary, string.Join(" ", failed.Select(c => c.Reason)), fields, now,
            decision.Id, $"rule-rejected:{decision.Symbol}:{rules}");
    }

    /// <summary>The day's loss reached <c>Risk:MaxDailyLossPct</c>: new buys are refused for the rest of the day.</summary>
    public static Alert DailyLossLimit(PortfolioSnapshot portfolio, double limitPct, DateOnly day, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var pct = (double)portfolio.DayPnlPct;
        return new Alert(AlertType.DailyLossLimit, AlertSeverity.Critical, $"down {Pct(-pct)} today (limit {Pct(limitPct)})",
            $"The day's loss reached the limit of {Pct(limitPct)}; the risk manager refuses new buys until the next New York day.",
            [new("Day P&L", Money(portfolio.DayPnl)), new("Day P&L %", Pct(pct)), new("Limit", Pct(limitPct)), new("Equity", Money(portfolio.Equity))],
            now, null, $"daily-loss:{day:yyyy-MM-dd}");
    }

    /// <summary>The day's P&amp;L moved beyond <c>Alerts:PnlChangePct</c> (up or down).</summary>
    public static Alert PnlChange(PortfolioSnapshot portfolio, double thresholdPct, DateOnly day, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var pct = (double)portfolio.DayPnlPct;
        var direction = pct >= 0 ? "up" : "down";
        return new Alert(AlertType.PnlChange, pct >= 0 ? AlertSeverity.Info : AlertSeverity.Warning, $"{direction} {Pct(Math.Abs(pct))} today",
            $"The day's P&L is {Money(portfolio.DayPnl)} ({Pct(pct)}), beyond the {Pct(thresholdPct)} alert threshold.",
            [new("Day P&L", Money(portfolio.DayPnl)), new("Day P&L %", Pct(pct)), new("Equity", Money(portfolio.Equity)), new("Threshold", Pct(thresholdPct))],
            now, null, $"pnl:{day:yyyy-MM-dd}:{direction}");
    }

    public static Alert AgentHalted(string? reason, DateTime now) =>
        new(AlertType.AgentHalted, AlertSeverity.Critical, OneLine(reason, 120), $"The agent halted and places no orders until a user starts it again. {OneLine(reason)}",
            [new("Reason", OneLine(reason))], now);

    public static Alert AgentResumed(string? reason, DateTime now) =>
        new(AlertType.AgentResumed, AlertSeverity.Info, OneLine(reason, 120), $"The agent is running again. {OneLine(reason)}", [new("Reason", OneLine(reason))], now);

    public static Alert ModelOffline(string state, string? error, DateTime now) =>
        new(AlertType.ModelOffline, AlertSeverity.Warning, $"the model is {state}",
            $"The model server is not answering; decisions fall back to technical analysis. {OneLine(error)}", [new("State", state), new("Last error", OneLine(error))],
            now);

    public static Alert ModelRecovered(string state, DateTime now) =>
        new(AlertType.ModelRecovered, AlertSeverity.Info, "the model answers again", "The model server answers again; decisions use it again.", [new("State", state)],
            now);

    public static Alert BrokerOffline(string brokerName, string? error, DateTime now) =>
        new(AlertType.BrokerOffline, AlertSeverity.Critical, $"{brokerName} is not answering",
            $"Calls to the broker {brokerName} fail; cycles fail until it answers. {OneLine(error)}", [new("Broker", brokerName), new("Error", OneLine(error))],
            now);

    public static Alert BrokerRecovered(string brokerName, DateTime now) =>
        new(AlertType.BrokerRecovered, AlertSeverity.Info, $"{brokerName} answers again", $"The broker {brokerName} answers again.", [new("Broker", brokerName)],
            now);

    public static Alert DatabaseFailure(string operation, string error, DateTime now) =>
        new(AlertType.DatabaseFailure, AlertSeverity.Critical, $"{operation} failed", $"Writing to the journal database failed ({operation}): {OneLine(error)}",
            [new("Operation", operation), new("Error", OneLine(error))], now, null, $"database:{operation}");

    /// <summary>The reasoning's first line, at most <paramref name="max"/> characters.</summary>
    public static string OneLine(string? text, int max = 300)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var line = text.ReplaceLineEndings(" ").Trim();
        while (line.Contains("  ", StringComparison.Ordinal)) line = line.Replace("  ", " ", StringComparison.Ordinal);
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }

    internal static string Money(decimal value) => value.ToString("#,##0.00", C);

    internal static string Qty(decimal value) => value.ToString("0.####", C);

    internal static string Pct(double value) => value.ToString("0.##", C) + "%";
}
