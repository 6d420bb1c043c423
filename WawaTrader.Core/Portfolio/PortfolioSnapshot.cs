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
    public decimal Exposure
    {
        get
        {
            var sum = 0m;
            for (var i = 0; i < Positions.Count; i++) sum += Math.Abs(Positions[i].MarketValue);
            return sum;
        }
    }

    /// <summary>Exposure as a percent of equity (0 when equity is not positive).</summary>
    public decimal ExposurePct => Equity > 0 ? Exposure / Equity * 100m : 0m;

    public decimal DayPnl => Equity - DayStartEquity;

    /// <summary>Day P&amp;L as a percent of the day's starting equity (negative for a loss).</summary>
    public decimal DayPnlPct => DayStartEquity > 0 ? DayPnl / DayStartEquity * 100m : 0m;

    public decimal UnrealizedPnl => Positions.Sum(p => p.UnrealizedPnl);

    public Position? PositionOf(string symbol)
    {
        // By index here and in the sums above: a foreach over an interface list allocates an enumerator, and these are read
        // for every decision.
        for (var i = 0; i < Positions.Count; i++)
            if (Positions[i].Symbol == symbol) return Positions[i];
        return null;
    }

    /// <summary>Buy orders sent but not yet filled. The risk manager counts them as already held, so orders sent on the same
    /// bar (or waiting for their next bar) cannot together pass the position and exposure limits.</summary>
    public IReadOnlyList<PendingBuy> PendingBuys { get; init; } = [];

    /// <summary>Value of <see cref="PendingBuys"/> at their estimated prices.</summary>
    public decimal PendingBuyValue
    {
        get
        {
            var sum = 0m;
            for (var i = 0; i < PendingBuys.Count; i++) sum += PendingBuys[i].Value;
            return sum;
        }
    }

    /// <summary>Shares of <paramref name="symbol"/> in pending buys.</summary>
    public decimal PendingBuyQuantity(string symbol)
    {
        var sum = 0m;
        for (var i = 0; i < PendingBuys.Count; i++)
            if (PendingBuys[i].Symbol == symbol) sum += PendingBuys[i].Quantity;
        return sum;
    }
}

/// <summary>Shares of a symbol in buy orders not yet filled, marked at <see cref="Price"/> (the last close).</summary>
public sealed record PendingBuy(string Symbol, decimal Quantity, decimal Price)
{
    public decimal Value => Quantity * Price;
}
