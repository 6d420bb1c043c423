using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;

namespace WawaTrader.Core.Risk;

/// <summary>
/// Turns a proposal into an order quantity. Pure: the same inputs always give the same order.
/// Rounding rule: a buy is a whole number of shares, rounded <b>down</b> (floor) so the order's value never
/// exceeds the sizing budget; the fractional remainder is left in cash. A sell closes the whole position as held
/// (including any fractional shares the broker reports). The risk manager judges the result afterwards.
/// </summary>
public sealed class PositionSizer
{
    /// <summary>
    /// Sizes <paramref name="proposal"/>: Buy → floor(equity × <paramref name="positionSizePct"/>/100 ÷ <paramref name="lastPrice"/>)
    /// shares (0 when the price or equity is not positive); Sell → the whole held quantity (0 when flat);
    /// Hold → no side and 0 shares. The order's <see cref="ProposedOrder.Price"/> is <paramref name="lastPrice"/>.
    /// </summary>
    /// <param name="lastPrice">The last close, in account currency per share.</param>
    /// <param name="positionSizePct">Budget of one new buy, in percent of equity (5 means 5%).</param>
    public ProposedOrder Size(Proposal proposal, PortfolioSnapshot portfolio, decimal lastPrice, double positionSizePct)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(portfolio);
        return Size(proposal, portfolio.Equity, proposal.Action == TradeAction.Sell ? portfolio.PositionOf(proposal.Symbol)?.Quantity ?? 0m : 0m,
            lastPrice, positionSizePct);
    }

    /// <summary>As <see cref="Size(Proposal, PortfolioSnapshot, decimal, double)"/>, with the two figures it reads in hand: the
    /// account's equity and the shares held of the proposal's symbol (a backtest reads them from its paper book).</summary>
    internal ProposedOrder Size(Proposal proposal, decimal equity, decimal heldQuantity, decimal lastPrice, double positionSizePct)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return proposal.Action switch
        {
            TradeAction.Buy => new ProposedOrder(proposal, OrderSide.Buy, BuyQuantity(equity, lastPrice, positionSizePct), lastPrice),
            TradeAction.Sell => new ProposedOrder(proposal, OrderSide.Sell, Math.Max(0m, heldQuantity), lastPrice),
            _ => new ProposedOrder(proposal, null, 0m, lastPrice),
        };
    }

    private static decimal BuyQuantity(decimal equity, decimal lastPrice, double positionSizePct)
    {
        if (lastPrice <= 0m || equity <= 0m || !double.IsFinite(positionSizePct) || positionSizePct <= 0) return 0m;
        // In double first: below a million shares its error (~1e-15 relative) cannot move the floor unless the quotient lies within
        // 1e-6 of a whole share, and only then is the exact decimal arithmetic needed (the same answer, three divisions dearer).
        var estimate = (double)equity * positionSizePct / 100.0 / (double)lastPrice;
        if (estimate < 1_000_000)
        {
            var whole = Math.Floor(estimate);
            if (estimate - whole > 1e-6 && whole + 1 - estimate > 1e-6) return (decimal)whole;
        }
        var budget = equity * (decimal)positionSizePct / 100m;
        return Math.Floor(budget / lastPrice);
    }
}
