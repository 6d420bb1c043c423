namespace WawaTrader.Core.Risk;

/// <summary>
/// The verdict of one risk rule on one proposed order: the measured <see cref="Value"/> against the
/// <see cref="Limit"/> (both in the rule's unit, percent for the percentage rules), pass or fail, and why.
/// </summary>
public sealed record RiskCheck(string Rule, bool Passed, double Value, double Limit, string Reason);

/// <summary>All rules' checks for one proposed order. Approved only if the order trades and every check passed.</summary>
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
}
