using System.Text.Json.Serialization;

namespace WawaTrader.Core.Brokers.Alpaca;

// Alpaca's Trading API v2 objects as it sends them. Money and quantities are JSON strings ("1234.56"), read into decimal
// (JsonNumberHandling.AllowReadingFromString); times are RFC 3339 UTC. Only the fields this client reads are declared.

/// <summary><c>GET /v2/account</c>.</summary>
internal sealed record AlpacaWireAccount(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("cash")] decimal? Cash,
    [property: JsonPropertyName("equity")] decimal? Equity,
    [property: JsonPropertyName("buying_power")] decimal? BuyingPower,
    [property: JsonPropertyName("trading_blocked")] bool? TradingBlocked,
    [property: JsonPropertyName("account_blocked")] bool? AccountBlocked);

/// <summary>One element of <c>GET /v2/positions</c>.</summary>
internal sealed record AlpacaWirePosition(
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("qty")] decimal? Qty,
    [property: JsonPropertyName("qty_available")] decimal? QtyAvailable,
    [property: JsonPropertyName("side")] string? Side,
    [property: JsonPropertyName("avg_entry_price")] decimal? AvgEntryPrice,
    [property: JsonPropertyName("current_price")] decimal? CurrentPrice,
    [property: JsonPropertyName("market_value")] decimal? MarketValue);

/// <summary>An order object (<c>POST /v2/orders</c>, <c>GET /v2/orders</c>, <c>GET /v2/orders:by_client_order_id</c>).</summary>
internal sealed record AlpacaWireOrder(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("client_order_id")] string? ClientOrderId,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt,
    [property: JsonPropertyName("submitted_at")] DateTimeOffset? SubmittedAt,
    [property: JsonPropertyName("filled_at")] DateTimeOffset? FilledAt,
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("qty")] decimal? Qty,
    [property: JsonPropertyName("filled_qty")] decimal? FilledQty,
    [property: JsonPropertyName("filled_avg_price")] decimal? FilledAvgPrice,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("side")] string? Side,
    [property: JsonPropertyName("time_in_force")] string? TimeInForce,
    [property: JsonPropertyName("limit_price")] decimal? LimitPrice,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("extended_hours")] bool? ExtendedHours);

/// <summary>The body of <c>POST /v2/orders</c>; quantities and prices sent as strings, as Alpaca's SDKs do.</summary>
internal sealed record AlpacaWireOrderRequest(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("qty")] decimal Qty,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("time_in_force")] string TimeInForce,
    [property: JsonPropertyName("client_order_id")] string ClientOrderId,
    [property: JsonPropertyName("extended_hours")] bool ExtendedHours,
    [property: JsonPropertyName("limit_price"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? LimitPrice);

/// <summary>One element of the 207 answer of <c>DELETE /v2/orders</c>: the order id and the HTTP status of its cancel.</summary>
internal sealed record AlpacaWireCancelResult(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] int? Status);

/// <summary><c>GET /v2/clock</c>: the market's time and session.</summary>
internal sealed record AlpacaWireClock(
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp,
    [property: JsonPropertyName("is_open")] bool? IsOpen,
    [property: JsonPropertyName("next_open")] DateTimeOffset? NextOpen,
    [property: JsonPropertyName("next_close")] DateTimeOffset? NextClose);

/// <summary>One day of <c>GET /v2/calendar</c>: date <c>yyyy-MM-dd</c>, open and close <c>HH:mm</c> New York time.</summary>
internal sealed record AlpacaWireCalendarDay(
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("open")] string? Open,
    [property: JsonPropertyName("close")] string? Close);

/// <summary><c>GET /v2/assets/{symbol}</c>: whether Alpaca trades it and in fractions.</summary>
internal sealed record AlpacaWireAsset(
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("tradable")] bool? Tradable,
    [property: JsonPropertyName("fractionable")] bool? Fractionable,
    [property: JsonPropertyName("shortable")] bool? Shortable);

/// <summary>An error body: <c>{"code": 40310000, "message": "insufficient buying power"}</c>.</summary>
internal sealed record AlpacaWireError(
    [property: JsonPropertyName("code")] long? Code,
    [property: JsonPropertyName("message")] string? Message);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
[JsonSerializable(typeof(AlpacaWireAccount))]
[JsonSerializable(typeof(AlpacaWirePosition[]))]
[JsonSerializable(typeof(AlpacaWireOrder))]
[JsonSerializable(typeof(AlpacaWireOrder[]))]
[JsonSerializable(typeof(AlpacaWireOrderRequest))]
[JsonSerializable(typeof(AlpacaWireCancelResult[]))]
[JsonSerializable(typeof(AlpacaWireClock))]
[JsonSerializable(typeof(AlpacaWireCalendarDay[]))]
[JsonSerializable(typeof(AlpacaWireAsset))]
[JsonSerializable(typeof(AlpacaWireError))]
internal sealed partial class AlpacaTradingJsonContext : JsonSerializerContext;
