namespace WawaTrader.Core.Configuration;

/// <summary>Where a settings change came from.</summary>
public enum SettingSource
{
    /// <summary>The settings page.</summary>
    Ui,

    /// <summary>The REST API (<c>PUT /api/settings/{category}</c>).</summary>
    Api,

    /// <summary>A revert of an earlier change (the change's <see cref="SettingChange.RevertedChangeId"/> names it).</summary>
    Revert,
}

/// <summary>
/// One changed field, as recorded in the settings history. Values are configuration strings (invariant culture; lists as
/// JSON arrays). A secret's values are never recorded: <see cref="OldValue"/> is null and <see cref="NewValue"/> is
/// <see cref="SettingsService.SecretChanged"/> or <see cref="SettingsService.SecretCleared"/>.
/// </summary>
/// <param name="Time">UTC.</param>
/// <param name="Field">The options property name, e.g. <c>MaxPositionPct</c> (the key is <c>Category:Field</c>).</param>
public sealed record SettingChange(
    long Id, DateTime Time, string Category, string Field, string? OldValue, string? NewValue, SettingSource Source, long? RevertedChangeId);

/// <summary>A change before the store gave it an id.</summary>
public sealed record SettingChangeDraft(
    DateTime Time, string Category, string Field, string? OldValue, string? NewValue, SettingSource Source, long? RevertedChangeId);

/// <summary>
/// A stored value: a row of <c>settings</c>. <see cref="Value"/> is the configuration string, or for a secret the
/// protected (encrypted) text; null in a write means "delete the row" (back to the default).
/// </summary>
public sealed record StoredSetting(string Category, string Key, string? Value);

/// <summary>A stored value that was not applied (it could not be read or broke a rule); the default is used instead.</summary>
/// <param name="Field">The options property name; the message names the configuration key.</param>
public sealed record SettingsProblem(string Category, string Field, string Message);
