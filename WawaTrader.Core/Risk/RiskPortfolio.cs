using WawaTrader.Core.Portfolio;

namespace WawaTrader.Core.Risk;

/// <summary>
/// What the risk rules read of the portfolio when they judge an order in one symbol: the account-wide figures and the symbol's
/// own. Live trading takes them from a <see cref="PortfolioSnapshot"/> (<see cref="Of"/>); a backtest's synchronous cycle
/// reads the same figures straight from its paper book and journal, without building the snapshot (tests hold the two equal,
/// decimal for decimal). Money in account currency.
/// </summary>
/// <param name="Equity">Cash plus the market value of all positions.</param>
/// <param name="DayStartEquity">The equity at the first cycle of the current market day.</param>
/// <param name="TradesToday">Orders sent since the day started.</param>
/// <param name="Exposure">Sum of the absolute market value of all positions (<see cref="PortfolioSnapshot.Exposure"/>).</param>
/// <param name="PendingBuyValue">Value of the buys sent and not yet filled (<see cref="PortfolioSnapshot.PendingBuyValue"/>).</param>
/// <param name="HasPendingBuys">Whether any buy is sent and not yet filled.</param>
/// <param name="HeldQuantity">Shares held of the symbol (0 when flat).</param>
/// <param name="HeldValue">Absolute market value of the symbol's position at its own last price (0 when flat).</param>
/// <param name="HeldLastPrice">The position's last price (0 when flat).</param>
/// <param name="PendingQuantity">Shares of the symbol in buys not yet filled.</param>
/// <param name="PendingValue">Value of the symbol's pending buys, as counted in <paramref name="PendingBuyValue"/>.</param>
internal readonly record struct RiskPortfolio(
    decimal Equity,
    decimal DayStartEquity,
    int TradesToday,
    decimal Exposure,
    decimal PendingBuyValue,
    bool HasPendingBuys,
    decimal HeldQuantity,
    decimal HeldValue,
    decimal HeldLastPrice,
    decimal PendingQuantity,
    decimal PendingValue)
{
    /// <summary>The figures of <paramref name="portfolio"/> for an order in <paramref name="symbol"/>.</summary>
    public static RiskPortfolio Of(PortfolioSnapshot portfolio, string symbol)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var held = portfolio.PositionOf(symbol);
        return For(symbol, portfolio.Equity, portfolio.DayStartEquity, portfolio.TradesToday, portfolio.Exposure, portfolio.PendingBuys,
            held?.Quantity ?? 0m, Math.Abs(held?.MarketValue ?? 0m), held?.LastPrice ?? 0m);
    }

    /// <summary>The figures for an order in <paramref name="symbol"/> from the account-wide ones, the pending buys (as
    /// <see cref="PortfolioSnapshot.PendingBuys"/> lists them) and the symbol's held position (zeros when flat).</summary>
    public static RiskPortfolio For(string symbol, decimal equity, decimal dayStartEquity, int tradesToday, decimal exposure,
        IReadOnlyList<PendingBuy> pendingBuys, decimal heldQuantity, decimal heldValue, decimal heldLastPrice)
    {
        // Summed as the snapshot sums them, from 0 in list order, so every figure is the same decimal.
        decimal pendingValue = 0m, pendingQuantity = 0m, symbolPendingValue = 0m;
        for (var i = 0; i < pendingBuys.Count; i++)
        {
            var pending = pendingBuys[i];
            pendingValue += pending.Value;
            if (pending.Symbol != symbol) continue;
            pendingQuantity += pending.Quantity;
            symbolPendingValue += pending.Value;
        }
        return new RiskPortfolio(equity, dayStartEquity, tradesToday, exposure, pendingValue, pendingBuys.Count > 0,
            heldQuantity, heldValue, heldLastPrice, pendingQuantity, symbolPendingValue);
    }

    /// <summary>The day's profit or loss so far: equity less the day's starting equity.</summary>
    public decimal DayPnl => Equity - DayStartEquity;
}
