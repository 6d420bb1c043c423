using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Portfolio;

/// <summary>
/// The account as the risk manager and the dashboard see it at one moment. Money in account currency.
/// <see cref="DayStartEquity"/> is the equity at the first cycle of the current market day (New York date);
/// <see cref="TradesToday"/> counts orders sent since then.
/// </summary>
public sealed record PortfolioSnapshot(
    DateTime Time,
    decimal Cash,
    decimal Equity,
    IReadOnlyList<Position> Positions,
    decimal DayStartEquity,
    int TradesToday,
    decimal RealizedPnl)
{
    /// <summary>Sum of the absolute market value of all positions.</summary>
    public decimal Exposure => Positions.Sum(p => Math.Abs(p.MarketValue));

    /// <summary>Exposure as a percent of equity (0 when equity is not positive).</summary>
    public decimal ExposurePct => Equity > 0 ? Exposure / Equity * 100m : 0m;

    public decimal DayPnl => Equity - DayStartEquity;

    /// <summary>Day P&amp;L as a percent of the day's starting equity (negative for a loss).</summary>
    public decimal DayPnlPct => DayStartEquity > 0 ? DayPnl / DayStartEquity * 100m : 0m;

    public decimal UnrealizedPnl => Positions.Sum(p => p.UnrealizedPnl);

    public Position? PositionOf(string symbol) => Positions.FirstOrDefault(p => p.Symbol == symbol);
}
