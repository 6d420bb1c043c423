namespace WawaTrader.Core.Brokers;

public enum OrderSide { Buy, Sell }

/// <summary>Lifecycle of an order at the broker. Only market orders exist for now.</summary>
public enum OrderStatus { New, Accepted, Filled, Rejected, Canceled }

/// <summary>
/// A market order to send. <see cref="ClientOrderId"/> is derived from the decision id, so sending the same
/// request twice is recognised by the broker and never creates a second order. Quantity in whole shares (&gt; 0).
/// </summary>
public sealed record OrderRequest(string ClientOrderId, string Symbol, OrderSide Side, decimal Quantity);

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
    public bool IsOpen => Status is OrderStatus.New or OrderStatus.Accepted;
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
