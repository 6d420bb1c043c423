using WawaTrader.Core.Configuration;

namespace WawaTrader.Web.Components.Settings;

/// <summary>The helper line under a settings field, from the setting's description: help, default, range, when a change applies.</summary>
public static class SettingHelp
{
    /// <summary>"A buy is refused when … Default 10% · 0.1% to 100% · applies to the next decision."; the environment's
    /// note instead of the timing when the key is read-only here.</summary>
    public static string For(SettingValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var field = value.Field;
        var parts = new List<string>();
        if (!field.IsSecret) parts.Add($"Default {SettingText.DefaultText(field)}");
        if (SettingText.Range(field) is { } range) parts.Add(range);
        if (value.IsOverridden) parts.Add("set by environment (read-only here)");
        else if (SettingText.Applies(field.Description.Applies) is { } when) parts.Add(when);
        var help = field.Description.Help is { } h ? h.TrimEnd('.') + ". " : "";
        return help + string.Join(" · ", parts) + ".";
    }

    /// <summary>The unit as an input adornment ("%", "$", "bps"); null for none.</summary>
    public static string? Adornment(SettingField field) =>
        field?.Description.Unit is { Length: > 0 } unit ? unit : null;

    /// <summary>A percent limit with a range: edited with a slider beside its number.</summary>
    public static bool IsSlider(SettingField field) =>
        field is { Description: { Unit: Units.Percent, Range: not null } } && (field.ValueType == typeof(double) || field.ValueType == typeof(int));
}
