namespace WawaTrader.Core.Market;

/// <summary>Settings of the market capability beyond the choice of market (section <c>Market</c>).</summary>
public sealed class MarketOptions
{
    public const string SectionName = "Market";

    /// <summary>Record the bars the live agent reads into the database's bar cache (<see cref="IBarCache"/>), for later backtests.
    /// Read on every market call, so a change applies at once. The simulated market's made-up bars are never recorded.</summary>
    public bool CacheBars { get; set; } = true;
}
