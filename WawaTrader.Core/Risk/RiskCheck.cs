namespace WawaTrader.Core.Risk;

/// <summary>
/// The verdict of one risk rule on one proposed order: the measured <see cref="Value"/> against the
/// <see cref="Limit"/> (both in the rule's unit, percent for the percentage rules), pass or fail, and why.
/// </summary>
/// <param name="Passed">Whether the rule lets the order through: true when the order is within the limit, and when the rule
/// is <paramref name="Waived"/>.</param>
/// <param name="Waived">Whether the rule does not apply to this order and so cannot refuse it: the trades-per-day and daily-loss
/// rules limit new risk and are waived for a sell that reduces or closes a long position. The value and the reason still state
/// where the limit stands. False in journals written before waivers existed (the JSON has no such member).</param>
public sealed record RiskCheck(string Rule, bool Passed, double Value, double Limit, string Reason, bool Waived = false);

/// <summary>All rules' checks for one proposed order. Approved only if the order trades and every check passed (or was waived).</summary>
public sealed record RiskVerdict(bool Approved, IReadOnlyList<RiskCheck> Checks)
{
    /// <summary>The reasons of the failed checks, joined; empty when approved.</summary>
    public string RejectionSummary => string.Join("; ", Checks.Where(c => !c.Passed).Select(c => c.Reason));
}

/// <summary>Names of the rules, as recorded in <see cref="RiskCheck.Rule"/>.</summary>
public static class RiskRules
{
    public const string PositionSize = "PositionSize";
    public const string DailyLoss = "DailyLoss";
    public const string Exposure = "Exposure";
    public const string TradesPerDay = "TradesPerDay";
    public const string Confidence = "Confidence";

    /// <summary>Not a limit: the agent halted new orders (broker outage), so an approved order was recorded as not sent.</summary>
    public const string OrdersHalted = "OrdersHalted";
}
