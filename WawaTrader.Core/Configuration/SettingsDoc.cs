using System.Text;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// The README's table of the settings a user can change on the Settings page and through the API, generated from the options
/// classes' descriptions (<see cref="SettingDescription"/>): key, label, unit, default, range, help and when a change applies.
/// Printed by <c>settings doc</c>; a test compares the README with it.
/// </summary>
public static class SettingsDoc
{
    /// <summary>The Markdown table, one line per setting of <see cref="SettingsCategories.All"/>, "\n" line ends.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| Key | Label | Unit | Default | Range | Help |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var field in SettingsCategories.All.SelectMany(c => c.Fields))
        {
            var description = field.Description;
            var help = description.Help ?? "";
            if (SettingText.Applies(description.Applies) is { } when) help += $" {char.ToUpperInvariant(when[0])}{when[1..]}.";
            var cells = new[]
            {
                $"`{field.Key}`",
                field.Label,
                description.Unit is { Length: > 0 } unit ? unit : "—",
                field.IsSecret ? "not set (secret)" : SettingText.DefaultText(field),
                SettingText.Range(field) ?? "—",
                help.Trim(),
            };
            text.Append("| ").AppendJoin(" | ", cells.Select(Cell)).Append(" |\n");
        }
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
