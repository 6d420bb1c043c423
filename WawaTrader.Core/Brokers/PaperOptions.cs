using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Brokers;

/// <summary>The built-in paper broker. Bound from the <c>Paper</c> section.</summary>
public sealed class PaperOptions
{
    public const string SectionName = "Paper";

    /// <summary>Starting cash of a new paper account, in account currency.</summary>
    [Range(1, 1_000_000_000_000)] public decimal InitialCash { get; set; } = 100_000m;

    /// <summary>Slippage in basis points of the fill price, against the trader (buys fill higher, sells lower).</summary>
    [Range(0, 10_000)] public decimal SlippageBps { get; set; } = 1m;

    /// <summary>Commission per share, in account currency.</summary>
    [Range(0, 1_000)] public decimal CommissionPerShare { get; set; } = 0.005m;

    /// <summary>Commission as a percent of the fill's notional (0.1 means 0.1%), added to the per-share part. 0 (the default) for none.</summary>
    [Range(0, 10)] public decimal CommissionPct { get; set; }

    /// <summary>Least commission of one fill, in account currency. 0 (the default) for none.</summary>
    [Range(0, 1_000)] public decimal MinCommission { get; set; }
}
