using System.Text.Json;
using System.Text.Json.Serialization;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>The JSON a backtest result is compared in: camelCase, enums by name, indented; doubles round-trip exactly.</summary>
internal static class BaselineJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static string Serialize(BacktestResult result) => JsonSerializer.Serialize(result, Options);
}
