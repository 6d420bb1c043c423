using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// Converts setting values between their typed form, the configuration string that is stored and bound (invariant culture,
/// booleans <c>true</c>/<c>false</c>, enums by name, lists as a JSON array) and JSON (camelCase API bodies).
/// </summary>
public static class SettingValues
{
    /// <summary>JSON as the API speaks it: web defaults (camelCase), enums as strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Strings, booleans, numbers, enums, <see cref="TimeSpan"/>, dates (<see cref="DateTime"/>) and string lists (nullable forms too).</summary>
    public static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(string[]) || t == typeof(bool) || t.IsEnum || t == typeof(TimeSpan) || t == typeof(DateTime)
            || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal) || t == typeof(float);
    }

    /// <summary>The configuration string of a typed value (null stays null).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        string[] list => JsonSerializer.Serialize(list, Json),
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// Reads a configuration string as <paramref name="type"/> the way the configuration binder would; a list accepts a JSON
    /// array or comma-separated text. False with a message naming <paramref name="key"/> when it cannot.
    /// </summary>
    public static bool TryParse(string? text, Type type, string key, out object? value, out string? error)
    {
        error = null;
        value = null;
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string[]))
        {
            value = ParseList(text);
            if (value is null) error = $"{key} must be a list of text values.";
            return error is null;
        }
        if (text is null)
        {
            if (Nullable.GetUnderlyingType(type) is not null || !type.IsValueType) return true;
            error = $"{key} must have a value ({Describe(t)}).";
            return false;
        }
        if (t == typeof(string))
        {
            value = text;
            return true;
        }
        try
        {
            value = TypeDescriptor.GetConverter(t).ConvertFromInvariantString(text.Trim());
            if (t.IsEnum && (value is null || !Enum.IsDefined(t, value) || int.TryParse(text, out _))) throw new FormatException();
            if (value is double d && !double.IsFinite(d)) throw new FormatException();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            error = $"{key} must be {Describe(t)}; '{Shorten(text)}' is not.";
            value = null;
            return false;
        }
    }

    /// <summary>The configuration string of a JSON value for a field of <paramref name="type"/>, or an error naming the key.</summary>
    public static bool TryFromJson(JsonElement element, Type type, string key, out string? text, out string? error)
    {
        text = null;
        error = null;
        try
        {
            var value = element.Deserialize(type, Json);
            if (value is double d && !double.IsFinite(d)) throw new JsonException();
            if (value is string[] list && list.Any(s => s is null)) throw new JsonException();
            text = Format(value);
            if (text is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null) throw new JsonException();
            if (text is null && element.ValueKind == JsonValueKind.Null) throw new JsonException();
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            error = $"{key} must be {Describe(Nullable.GetUnderlyingType(type) ?? type)}.";
            return false;
        }
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for messages.</summary>
    public static string Describe(Type type)
    {
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type))}";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float)) return "a number";
        if (type == typeof(TimeSpan)) return "a duration (hh:mm:ss)";
        if (type == typeof(DateTime)) return "a date (yyyy-MM-dd)";
        if (type == typeof(string[])) return "a list of text values";
        return "text";
    }

    private static string[]? ParseList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('[')) return trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        try
        {
            var list = JsonSerializer.Deserialize<string[]>(trimmed, Json);
            return list is null || list.Any(s => s is null) ? null : list;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
