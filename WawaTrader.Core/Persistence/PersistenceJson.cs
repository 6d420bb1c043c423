using System.Text.Json;
using System.Text.Json.Serialization;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// JSON used for the columns that hold whole records (indicator snapshot, risk checks, paper ledger).
/// Named floating-point literals are allowed because indicator values are NaN during warm-up.
/// </summary>
internal static class PersistenceJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"The stored {what} is empty (JSON null).");
}
