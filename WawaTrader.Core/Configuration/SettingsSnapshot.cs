namespace WawaTrader.Core.Configuration;

/// <summary>
/// The effective settings of one category, as the page and <c>GET /api/settings/{category}</c> show them, and the stored values
/// that were not applied (<see cref="Problems"/>).
/// </summary>
public sealed record SettingsSnapshot(SettingsCategory Category, IReadOnlyList<SettingValue> Values, IReadOnlyList<SettingsProblem> Problems)
{
    public SettingValue this[string field] => Values.Single(v => string.Equals(v.Field.Name, field, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One field's effective value. A secret has <see cref="Value"/> and <see cref="Text"/> null and only says whether it
/// <see cref="IsSet"/>. <see cref="IsOverridden"/>: a later configuration source (environment variable, command line) sets this key,
/// so the page shows it read-only and a save that changes it is refused. <see cref="IsStored"/>: a user's value is in the database.
/// </summary>
/// <param name="Text">The configuration string (lists as a JSON array).</param>
public sealed record SettingValue(SettingField Field, object? Value, string? Text, bool IsSet, bool IsOverridden, bool IsStored);

/// <summary>
/// What a save or a revert did: either <see cref="Errors"/> (per field name, PascalCase; "" for a rule naming no field) and nothing
/// saved, or the <see cref="Changes"/> recorded (empty when nothing differed from the current values).
/// </summary>
public sealed record SettingsSaveResult(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<SettingChange> Changes)
{
    public bool Succeeded => Errors.Count == 0;

    internal static SettingsSaveResult Failed(IReadOnlyDictionary<string, string[]> errors) => new(errors, []);
}
