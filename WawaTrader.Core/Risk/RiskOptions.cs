using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Risk;

/// <summary>Risk limits, all in percent (10 means 10%). Bound from the <c>Risk</c> section.</summary>
public sealed class RiskOptions
{
    public const string SectionName = "Risk";

    /// <summary>Largest position in one symbol after the order, as a percent of equity.</summary>
    [Range(0.1, 100)] public double MaxPositionPct { get; set; } = 10;

    /// <summary>Largest loss since the start of the market day, as a percent of that day's starting equity; past it no new buys.</summary>
    [Range(0.1, 100)] public double MaxDailyLossPct { get; set; } = 2;

    /// <summary>Largest total market value of all positions after the order, as a percent of equity.</summary>
    [Range(0.1, 100)] public double MaxExposurePct { get; set; } = 30;

    /// <summary>Most orders sent in one market day.</summary>
    [Range(1, 10_000)] public int MaxTradesPerDay { get; set; } = 10;

    /// <summary>Least confidence (0–100) a proposal needs to trade.</summary>
    [Range(0, 100)] public double MinConfidence { get; set; } = 70;
}
