using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// What a setting means, in a trader's words, read from the attributes on its options property (or, for a key-only secret, on the
/// options class' constant that names it): <c>[Display(Name, ShortName, Description)]</c>, <see cref="UnitAttribute"/>, the
/// <see cref="RangeAttribute"/> it is validated with, and when a change applies (<see cref="AppliesAttribute"/>,
/// <see cref="AppliesAfterRestartAttribute"/>). The one source of the Settings page's labels, the change summary, the History page,
/// the API's messages and the README's table (<c>settings doc</c>).
/// </summary>
/// <param name="Label">"Largest position, % of equity"; null when the member has no <c>[Display(Name = ...)]</c>.</param>
/// <param name="ShortLabel">"Largest position", for the change summary; the label when not given.</param>
/// <param name="Unit">One of <see cref="Units"/>; "" for none; null when the member has no <see cref="UnitAttribute"/>.</param>
/// <param name="Help">One line: what it does, from <c>[Display(Description = ...)]</c>; null when missing.</param>
public sealed record SettingDescription(string? Label, string? ShortLabel, string? Unit, string? Help, RangeAttribute? Range, SettingApplies? Applies)
{
    /// <summary>The description of <paramref name="member"/> (declared on <paramref name="optionsType"/>).</summary>
    public static SettingDescription Of(MemberInfo? member, Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        var display = member?.GetCustomAttribute<DisplayAttribute>();
        var label = Blank(display?.GetName());
        var applies = member?.IsDefined(typeof(AppliesAfterRestartAttribute)) == true ? SettingApplies.AfterRestart
            : member?.GetCustomAttribute<AppliesAttribute>()?.When ?? optionsType.GetCustomAttribute<AppliesAttribute>()?.When;
        return new SettingDescription(label, Blank(display?.GetShortName()) ?? label, member?.GetCustomAttribute<UnitAttribute>()?.Symbol,
            Blank(display?.GetDescription()), member?.GetCustomAttribute<RangeAttribute>(), applies);
    }

    /// <summary>"Largest position, % of equity (Risk:MaxPositionPct)", or the key alone when there is no label: how messages name a setting.</summary>
    public string Named(string key) => Label is null ? key : $"{Label} ({key})";

    /// <summary>True when the unit makes the value a duration ("20 s", "2 min").</summary>
    public bool IsDuration(Type valueType) => valueType == typeof(TimeSpan) || Unit is Units.Seconds or Units.Minutes;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
