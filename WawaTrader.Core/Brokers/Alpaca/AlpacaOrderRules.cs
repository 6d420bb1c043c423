using System.Globalization;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>The session the market is in for an order: the regular session, pre-market or after-hours, or closed.</summary>
public enum AlpacaSession { Regular, Extended, Closed }

/// <summary>Order types this client sends (Alpaca knows more).</summary>
public enum AlpacaOrderType { Market, Limit }

/// <summary>What Alpaca says of a symbol: whether it trades it at all and in fractions. Null asset: Alpaca does not know it.</summary>
public sealed record AlpacaAssetInfo(string Symbol, bool Tradable, bool Fractionable);

/// <summary>
/// Everything an order is judged on before it is sent: the order, its type, the asset, the shares held and already offered by
/// open sells, the session now and the two switches (<c>Alpaca:AllowFractional</c>, <c>Alpaca:ExtendedHours</c>).
/// </summary>
public sealed record AlpacaOrderCheck(
    OrderRequest Order,
    AlpacaOrderType Type,
    AlpacaAssetInfo? Asset,
    decimal HeldQuantity,
    decimal OfferedQuantity,
    AlpacaSession Session,
    bool AllowFractional,
    bool ExtendedHours);

/// <summary>
/// Alpaca's order rules as this app applies them, as pure functions (no network; tested by tables), in the spirit of Lean's
/// <c>AlpacaBrokerageModel</c>: client order ids of 1–48 characters; positive quantities; whole shares unless fractional orders are
/// allowed and the asset is fractionable; no short sales (a sell may not exceed the shares held less those already offered);
/// symbols Alpaca does not know or marks untradable refused; market orders only in the regular session, and outside it only
/// limit orders with extended hours on; time in force always <c>day</c>. A refusal is a sentence naming the rule.
/// </summary>
public static class AlpacaOrderRules
{
    /// <summary>Longest client order id Alpaca accepts.</summary>
    public const int MaxClientOrderIdLength = 48;

    /// <summary>Time in force of every order sent: <c>day</c> (the only one Alpaca allows for fractional and extended-hours orders).</summary>
    public const string TimeInForce = "day";

    /// <summary>Why the order is refused before it is sent, or null when it may be sent.</summary>
    public static string? Refusal(AlpacaOrderCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var order = check.Order;
        if (string.IsNullOrWhiteSpace(order.ClientOrderId)) return "a client order id is required";
        if (order.ClientOrderId.Length > MaxClientOrderIdLength)
            return $"the client order id is {order.ClientOrderId.Length} characters; Alpaca accepts at most {MaxClientOrderIdLength}";
        if (string.IsNullOrWhiteSpace(order.Symbol)) return "a symbol is required";
        if (order.Quantity <= 0m) return $"quantity must be positive (was {Shares(order.Quantity)})";
        if (check.Asset is not { } asset) return $"unknown symbol {order.Symbol}: Alpaca does not list it";
        if (!asset.Tradable) return $"{order.Symbol} is not tradable at Alpaca";
        if (order.Quantity != decimal.Truncate(order.Quantity))
        {
            if (!check.AllowFractional) return $"quantity must be whole shares (was {Shares(order.Quantity)}); fractional orders are off (Alpaca:AllowFractional)";
            if (!asset.Fractionable) return $"{order.Symbol} is not fractionable at Alpaca; quantity must be whole shares (was {Shares(order.Quantity)})";
        }
        if (order.Side == OrderSide.Sell)
        {
            var sellable = check.HeldQuantity - check.OfferedQuantity;
            if (order.Quantity > sellable)
                return $"insufficient position: selling {Shares(order.Quantity)} but only {Shares(Math.Max(0m, sellable))} held and not already offered (no short selling)";
        }
        if (check.Type == AlpacaOrderType.Limit && order.LimitPrice is not > 0m) return "a limit order needs a positive limit price";
        return check.Session switch
        {
            AlpacaSession.Regular => null,
            AlpacaSession.Extended when !check.ExtendedHours => "the market is in extended hours and extended-hours trading is off (Alpaca:ExtendedHours)",
            AlpacaSession.Extended when check.Type != AlpacaOrderType.Limit => "outside the regular session Alpaca takes limit orders only; market orders wait for the regular session",
            AlpacaSession.Extended => null,
            _ => "the market is closed",
        };
    }

    private static string Shares(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
