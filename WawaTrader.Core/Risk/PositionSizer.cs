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
    /// Hold → no side and 0 shares. The order's <see cref="ProposedOrder.Price"/> is <paramref name="lastPrice"/>, or the proposal's
    /// <see cref="Proposal.LimitPrice"/> for a limit order (a buy is then sized at the limit price).
    /// </summary>
    /// <param name="lastPrice">The last close, in account currency per share.</param>
    /// <param name="positionSizePct">Budget of one new buy, in percent of equity (5 means 5%).</param>
    public ProposedOrder Size(Proposal proposal, PortfolioSnapshot portfolio, decimal lastPrice, double positionSizePct)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(portfolio);
        var held = proposal.Action == TradeAction.Sell ? portfolio.PositionOf(proposal.Symbol)?.Quantity ?? 0m : 0m;
        // A limit order is sized (and judged by the risk manager) at its limit price, the worst it can cost.
        var price = proposal.Action != TradeAction.Hold && proposal.LimitPrice is { } limit && limit > 0m ? limit : lastPrice;
        var (side, quantity) = Order(proposal.Action, portfolio.Equity, held, price, positionSizePct);
        return new ProposedOrder(proposal, side, quantity, price);
    }

    /// <summary>The side and quantity <see cref="Size"/> gives an order for <paramref name="action"/> from the account's equity and
    /// the shares held of the symbol, without making the order (a backtest reads both from its paper book, and looks at the order
    /// before it keeps a proposal).</summary>
    internal static (OrderSide? Side, decimal Quantity) Order(TradeAction action, decimal equity, decimal heldQuantity, decimal lastPrice, double positionSizePct) =>
        action switch
        {
            TradeAction.Buy => (OrderSide.Buy, BuyQuantity(equity, lastPrice, positionSizePct)),
            TradeAction.Sell => (OrderSide.Sell, Math.Max(0m, heldQuantity)),
            _ => (null, 0m),
        };

    private static decimal BuyQuantity(decimal equity, decimal lastPrice, double positionSizePct)
    {
        if (lastPrice <= 0m || equity <= 0m || !double.IsFinite(positionSizePct) || positionSizePct <= 0) return 0m;
        // In double first: below a million shares its error (~1e-15 relative) cannot move the floor unless the quotient lies within
        // 1e-6 of a whole share, and only then is the exact decimal arithmetic needed (the same answer, three divisions dearer).
        var estimate = (double)equity * positionSizePct / 100.0 / (double)lastPrice;
        if (estimate < 1_000_000)
        {
            var whole = Math.Floor(estimate);
            // A whole number below a million converts exactly, as (decimal)whole would give it (scale 0).
            if (estimate - whole > 1e-6 && whole + 1 - estimate > 1e-6) return new decimal((long)whole);
        }
        var budget = equity * (decimal)positionSizePct / 100m;
        return Math.Floor(budget / lastPrice);
    }
}
