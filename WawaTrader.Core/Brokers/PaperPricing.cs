namespace WawaTrader.Core.Brokers;

/// <summary>
/// The paper broker's execution arithmetic, in one place so the backtester and the UI estimate costs exactly as fills are made.
/// Rounding rule: a fill price is rounded to 4 decimal places and a commission to 2 decimal places, midpoint away from zero
/// (<see cref="MidpointRounding.AwayFromZero"/>: 100.15005 → 100.1501, 0.125 → 0.13). Bar prices (double) become decimal
/// through <see cref="ToPrice"/> (the nearest decimal of at most 15 significant digits, so 100.05 stays 100.05).
/// </summary>
public static class PaperPricing
{
    /// <summary>Decimal places of a fill price.</summary>
    public const int PriceDecimals = 4;

    /// <summary>Decimal places of a commission.</summary>
    public const int CommissionDecimals = 2;

    /// <summary>
    /// The price per share of a fill at <paramref name="referencePrice"/>, moved against the trader by <paramref name="slippageBps"/>
    /// basis points (a buy × (1 + bps/10000), a sell × (1 − bps/10000)), rounded to <see cref="PriceDecimals"/> places.
    /// </summary>
    public static decimal FillPrice(decimal referencePrice, OrderSide side, decimal slippageBps)
    {
        var factor = side == OrderSide.Buy ? 1m + slippageBps / 10_000m : 1m - slippageBps / 10_000m;
        return Math.Round(referencePrice * factor, PriceDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>Commission of an order of <paramref name="quantity"/> shares at <paramref name="perShare"/> per share, rounded to <see cref="CommissionDecimals"/> places.</summary>
    public static decimal Commission(decimal perShare, decimal quantity) =>
        Math.Round(perShare * quantity, CommissionDecimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Commission of one fill of <paramref name="quantity"/> shares at <paramref name="price"/> per share:
    /// max(<paramref name="minCommission"/>, quantity × <paramref name="perShare"/> + price × quantity × <paramref name="pct"/>/100),
    /// rounded to <see cref="CommissionDecimals"/> places (after taking the maximum). 0 for a quantity of 0.
    /// </summary>
    /// <param name="pct">Percent of the notional (0.1 means 0.1%).</param>
    public static decimal Commission(decimal perShare, decimal pct, decimal minCommission, decimal quantity, decimal price)
    {
        if (quantity == 0m) return 0m;
        var raw = perShare * quantity + price * quantity * pct / 100m;
        return Math.Round(Math.Max(minCommission, raw), CommissionDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>Commission of one fill under <paramref name="options"/> (<see cref="Commission(decimal, decimal, decimal, decimal, decimal)"/>).</summary>
    public static decimal Commission(PaperOptions options, decimal quantity, decimal price)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Commission(options.CommissionPerShare, options.CommissionPct, options.MinCommission, quantity, price);
    }

    /// <summary>
    /// The cash a buy of <paramref name="quantity"/> shares is expected to need when the last price is <paramref name="lastPrice"/>:
    /// slipped price × quantity + commission at the slipped price (the check made when a buy is submitted).
    /// </summary>
    public static decimal EstimatedBuyCost(decimal lastPrice, decimal quantity, PaperOptions options)
    {
        var price = FillPrice(lastPrice, OrderSide.Buy, options.SlippageBps);
        return price * quantity + Commission(options, quantity, price);
    }

    /// <summary>Converts a bar price to decimal; false when it is not a finite positive number (such a bar is not traded on).</summary>
    public static bool TryToPrice(double value, out decimal price)
    {
        if (IsPrice(value))
        {
            price = ToPrice(value);
            return true;
        }
        price = 0m;
        return false;
    }

    /// <summary>Whether <paramref name="value"/> can be a price: finite, positive and within decimal's range.</summary>
    public static bool IsPrice(double value) => double.IsFinite(value) && value > 0 && value < 7.9e27;

    /// <summary>Converts a finite bar price to decimal (at most 15 significant digits, as <c>(decimal)double</c> does).</summary>
    public static decimal ToPrice(double value) => (decimal)value;
}
