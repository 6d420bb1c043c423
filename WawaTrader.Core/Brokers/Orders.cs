namespace WawaTrader.Core.Brokers;

public enum OrderSide { Buy, Sell }

/// <summary>How an order is priced: at the market, or only at <see cref="OrderRequest.LimitPrice"/> or better (a day order).
/// Stored by name.</summary>
public enum OrderType { Market, Limit }

/// <summary>
/// Lifecycle of an order at the broker: the paper broker uses the first five; a real broker (Alpaca) may report any of them.
/// Stored by name (at most 16 characters), so new states are appended, never renamed.
/// </summary>
public enum OrderStatus
{
    New, Accepted, Filled, Rejected, Canceled,
    /// <summary>Some shares filled, the rest still working (the fills so far are recorded).</summary>
    PartiallyFilled,
    /// <summary>A day order that reached the end of its session unfilled (any fills it had are kept).</summary>
    Expired,
    /// <summary>Done executing for the day; the broker reports its final state on the next trading day.</summary>
    DoneForDay,
    /// <summary>A cancel was asked for and is not yet confirmed (the order may still fill).</summary>
    PendingCancel,
    /// <summary>Replaced by another order at the user's request; this one no longer works.</summary>
    Replaced,
    /// <summary>Received by the broker, not yet routed.</summary>
    PendingNew,
    /// <summary>A replace was asked for and is not yet confirmed.</summary>
    PendingReplace,
    /// <summary>Stopped: a trade is guaranteed at a price, not yet executed.</summary>
    Stopped,
    /// <summary>Suspended by the broker and not eligible to trade for now.</summary>
    Suspended,
    /// <summary>Completed for the day; the broker's settlement calculations are pending.</summary>
    Calculated,
}

/// <summary>Which <see cref="OrderStatus"/> values mean an order may still change (and so is reconciled with the broker).</summary>
public static class OrderStatuses
{
    /// <summary>Every state in which an order may still fill or be canceled: all but Filled, Rejected, Canceled, Expired and Replaced.</summary>
    public static readonly OrderStatus[] Open =
    [
        OrderStatus.New, OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.DoneForDay, OrderStatus.PendingCancel,
        OrderStatus.PendingNew, OrderStatus.PendingReplace, OrderStatus.Stopped, OrderStatus.Suspended, OrderStatus.Calculated,
    ];

    /// <summary>True while the order may still change (see <see cref="Open"/>).</summary>
    public static bool IsOpen(OrderStatus status) =>
        status is not (OrderStatus.Filled or OrderStatus.Rejected or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Replaced);
}

/// <summary>
/// An order to send: a market order, or with <see cref="Type"/> Limit one that fills only at <see cref="LimitPrice"/> or better
/// within the day it is sent (time in force day). <see cref="ClientOrderId"/> is derived from the decision id, so sending the same
/// request twice is recognised by the broker and never creates a second order. Quantity in whole shares (&gt; 0).
/// </summary>
public sealed record OrderRequest(string ClientOrderId, string Symbol, OrderSide Side, decimal Quantity)
{
    public OrderType Type { get; init; } = OrderType.Market;

    /// <summary>The worst price accepted, per share in account currency; set exactly when <see cref="Type"/> is Limit.</summary>
    public decimal? LimitPrice { get; init; }
}

/// <summary>An execution: shares, price per share after slippage, commission in account currency. Time is market time (UTC).</summary>
public sealed record Fill(DateTime Time, decimal Quantity, decimal Price, decimal Commission);

/// <summary>The broker's view of an order.</summary>
public sealed record BrokerOrder(
    string ClientOrderId,
    string BrokerOrderId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    OrderStatus Status,
    DateTime SubmittedAt,
    IReadOnlyList<Fill> Fills,
    string? RejectReason)
{
    public bool IsOpen => OrderStatuses.IsOpen(Status);

    public OrderType Type { get; init; } = OrderType.Market;

    /// <summary>A limit order's price (null for a market order).</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The paper broker's day of a limit order: the New York date of the last bar seen when it was accepted; it expires at
    /// the first bar of a later date. Null otherwise.</summary>
    public DateOnly? SessionDate { get; init; }
}

/// <summary>
/// A held position, marked at <see cref="LastPrice"/>. <see cref="AveragePrice"/> excludes commissions; <see cref="OpenCommission"/>
/// is the buy commissions of the shares held, part of their cost: <see cref="UnrealizedPnl"/> = market value − (shares × average
/// price + open commission), and <see cref="RealizedPnl"/> (the symbol's, closed shares only) counts them when the shares are sold.
/// </summary>
public sealed record Position(string Symbol, decimal Quantity, decimal AveragePrice, decimal LastPrice, decimal RealizedPnl, decimal OpenCommission = 0m)
{
    public decimal MarketValue => Quantity * LastPrice;
    public decimal UnrealizedPnl => Quantity * (LastPrice - AveragePrice) - OpenCommission;
}

/// <summary>Cash, equity (cash + market value of positions) and positions, in account currency.</summary>
public sealed record BrokerAccount(decimal Cash, decimal Equity, IReadOnlyList<Position> Positions, decimal RealizedPnl);
