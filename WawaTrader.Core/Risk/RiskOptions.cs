using System.ComponentModel.DataAnnotations;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Core.Risk;

/// <summary>
/// Risk limits, all in percent (10 means 10%). Bound from the <c>Risk</c> section.
/// Every setting describes itself for the Settings page, the API's messages and the README (<c>settings doc</c>): a
/// <c>[Display(Name, ShortName, Description)]</c>, a <see cref="UnitAttribute"/> (<see cref="Units.None"/> when it has none) and its
/// validation rules; a test fails on a setting without them. Copy the pattern for a new setting.
/// </summary>
[Applies(SettingApplies.NextDecision)]
public sealed class RiskOptions
{
    public const string SectionName = "Risk";

    /// <summary>Largest position in one symbol after the order, as a percent of equity.</summary>
    [Display(Name = "Largest position, % of equity", ShortName = "Largest position",
        Description = "A buy is refused when the symbol's position after it would be worth more than this share of equity.")]
    [Unit(Units.Percent)]
    [Range(0.1, 100)] public double MaxPositionPct { get; set; } = 10;

    /// <summary>Largest loss since the start of the market day, as a percent of that day's starting equity; past it no new buys.</summary>
    [Display(Name = "Largest daily loss, % of the day's starting equity", ShortName = "Largest daily loss",
        Description = "Once the day's loss passes this, no new buys until the next market day; must be below the largest position.")]
    [Unit(Units.Percent)]
    [Range(0.1, 100)] public double MaxDailyLossPct { get; set; } = 2;

    /// <summary>Largest total market value of all positions after the order, as a percent of equity.</summary>
    [Display(Name = "Largest exposure, % of equity", ShortName = "Largest exposure",
        Description = "A buy is refused when all positions together would be worth more than this share of equity.")]
    [Unit(Units.Percent)]
    [Range(0.1, 100)] public double MaxExposurePct { get; set; } = 30;

    /// <summary>Most orders sent in one market day.</summary>
    [Display(Name = "Most orders per market day", ShortName = "Most orders per day",
        Description = "Orders past this count in one New York market day are refused.")]
    [Unit(Units.Orders)]
    [Range(1, 10_000)] public int MaxTradesPerDay { get; set; } = 10;

    /// <summary>Least confidence (0–100) a proposal needs to trade.</summary>
    [Display(Name = "Least confidence to trade", ShortName = "Least confidence",
        Description = "A proposal whose confidence (0–100, from the rules or the model) is below this is not traded.")]
    [Unit(Units.Percent)]
    [Range(0, 100)] public double MinConfidence { get; set; } = 70;
}
