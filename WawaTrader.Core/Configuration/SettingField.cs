using System.Reflection;
using System.Text.Json;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// One setting of a category: an options property (<c>Risk:MaxPositionPct</c>) or a secret that is only a configuration key
/// (<c>Llm:ApiKey</c>, read by the capability from configuration). <see cref="Type"/> is the property type (a secret is a string).
/// <see cref="Description"/> says what it means (label, unit, help, range, when a change applies) and <see cref="Default"/> is the
/// options class' own value.
/// </summary>
public sealed record SettingField(string Category, string Name, Type Type, PropertyInfo? Property, bool IsSecret)
{
    /// <summary>The configuration key, <c>Section:Name</c>.</summary>
    public string Key => $"{Category}:{Name}";

    /// <summary>The name in JSON and in API error keys (camelCase).</summary>
    public string JsonName => JsonNamingPolicy.CamelCase.ConvertName(Name);

    /// <summary>A list of strings (stored as a JSON array, bound as <c>Key:0</c>, <c>Key:1</c>, …).</summary>
    public bool IsList => Type == typeof(string[]);

    public Type ValueType => Nullable.GetUnderlyingType(Type) ?? Type;

    /// <summary>The label, unit, help, range and timing of the setting (from the attributes on the options class).</summary>
    public SettingDescription Description { get; init; } = new(null, null, null, null, null, null);

    /// <summary>The value when nothing is configured: the options class' initialiser (after the capability's own defaults, e.g. the
    /// default watchlist); null for a secret.</summary>
    public object? Default { get; init; }

    /// <summary>"Largest position, % of equity", or the key when the setting has no label.</summary>
    public string Label => Description.Label ?? Key;

    /// <summary>How messages name the setting: "Largest position, % of equity (Risk:MaxPositionPct)".</summary>
    public string Named => Description.Named(Key);

    /// <summary>The app reads this setting only at start-up (<see cref="AppliesAfterRestartAttribute"/>).</summary>
    public bool RequiresRestart => Property?.IsDefined(typeof(AppliesAfterRestartAttribute), inherit: false) == true;
}
