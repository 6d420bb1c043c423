using System.ComponentModel.DataAnnotations;
using WawaTrader.Core.Configuration;
namespace WawaTrader.Core.Market;

/// <summary>Settings of the market capability beyond the choice of market (section <c>Market</c>).</summary>
public sealed class MarketOptions
{
    public const string SectionName = "Market";

    /// <summary>Record the bars the live agent reads into the database's bar cache (<see cref="IBarCache"/>), for later backtests.
    /// Read on every market call, so a change applies at once. The simulated market's made-up bars are never recorded.</summary>
    [Display(Name = "Record bars for backtests", ShortName = "Record bars",
        Description = "Keep the bars the agent reads from a real market (Csv, Alpaca) in the bar cache for later backtests; simulated bars are never kept.")]
    [Unit(Units.None)]
    [Applies(SettingApplies.AtOnce)]
    public bool CacheBars { get; set; } = true;
}
