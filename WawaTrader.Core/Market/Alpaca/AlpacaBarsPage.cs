using System.Text.Json.Serialization;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>One page of <c>GET /v2/stocks/{symbol}/bars</c> as Alpaca sends it.</summary>
internal sealed record AlpacaBarsPage(
    [property: JsonPropertyName("bars")] AlpacaWireBar[]? Bars,
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);

/// <summary>One bar on the wire: open time (RFC 3339, UTC), open, high, low, close, volume, trade count, volume-weighted price.
/// Numbers may come as the strings "NaN"/"Infinity", which are read and then refused as invalid, naming the bar.</summary>
internal sealed record AlpacaWireBar(
    [property: JsonPropertyName("t")] DateTimeOffset? T,
    [property: JsonPropertyName("o")] double? O,
    [property: JsonPropertyName("h")] double? H,
    [property: JsonPropertyName("l")] double? L,
    [property: JsonPropertyName("c")] double? C,
    [property: JsonPropertyName("v")] double? V,
    [property: JsonPropertyName("n")] double? N,
    [property: JsonPropertyName("vw")] double? Vw);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(AlpacaBarsPage))]
internal sealed partial class AlpacaJsonContext : JsonSerializerContext;
