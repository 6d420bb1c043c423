using WawaTrader.Core.Configuration;
using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// Costs and starting point of a backtest. Bound from the <c>Backtesting</c> section and edited on the settings page; read by
/// the backtester (a later issue). Commission of one fill = max(<see cref="MinCommission"/>,
/// shares × <see cref="CommissionPerShare"/> + notional × <see cref="CommissionPct"/>/100).
/// </summary>
[Applies(SettingApplies.NextBacktest)]
public sealed class BacktestingOptions
{
    public const string SectionName = "Backtesting";

    /// <summary>Commission per share, in account currency.</summary>
    [Display(Name = "Commission per share", ShortName = "Commission per share",
        Description = "Paid on every share of every fill.")]
    [Unit(Units.Dollars)]
    [Range(typeof(decimal), "0", "100", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal CommissionPerShare { get; set; } = 0.005m;

    /// <summary>Commission as a percent of the fill's notional (0.1 means 0.1%).</summary>
    [Display(Name = "Commission, % of the fill's value", ShortName = "Commission %",
        Description = "Paid on the notional of every fill (0.1 means 0.1%), on top of the per-share commission.")]
    [Unit(Units.Percent)]
    [Range(typeof(decimal), "0", "10", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal CommissionPct { get; set; }

    /// <summary>Least commission of one fill, in account currency.</summary>
    [Display(Name = "Least commission per fill", ShortName = "Least commission",
        Description = "A fill never costs less commission than this.")]
    [Unit(Units.Dollars)]
    [Range(typeof(decimal), "0", "1000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal MinCommission { get; set; }

    /// <summary>Price slippage against the trader, in basis points (1 = 0.01%).</summary>
    [Display(Name = "Slippage", ShortName = "Slippage",
        Description = "Price moved against the trader on every fill, in basis points (1 = 0.01%).")]
    [Unit(Units.BasisPoints)]
    [Range(0, 1_000)] public double SlippageBps { get; set; } = 1;

    /// <summary>Cash at the start, in account currency.</summary>
    [Display(Name = "Starting cash", ShortName = "Starting cash",
        Description = "Cash in the account when a backtest starts.")]
    [Unit(Units.Dollars)]
    [Range(typeof(decimal), "1", "1000000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal InitialCash { get; set; } = 100_000m;

    /// <summary>Yearly risk-free rate for Sharpe and Sortino ratios, in percent (4 means 4% a year).</summary>
    [Display(Name = "Risk-free rate, % a year", ShortName = "Risk-free rate",
        Description = "Yearly rate the Sharpe and Sortino ratios are measured against (4 means 4% a year).")]
    [Unit(Units.Percent)]
    [Range(0, 100)] public double RiskFreeRate { get; set; }
}
