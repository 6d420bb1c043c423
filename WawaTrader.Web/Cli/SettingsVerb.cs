using System.CommandLine;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Web.Cli;

/// <summary>
/// <c>settings doc</c>: prints the Markdown table of every setting of the Settings page (key, label, unit, default, range, help),
/// generated from the options classes' descriptions; the README's settings table is its output, between
/// <see cref="StartMarker"/> and <see cref="EndMarker"/>.
/// </summary>
public static class SettingsVerb
{
    public const string StartMarker = "<!-- settings-doc:start -->";
    public const string EndMarker = "<!-- settings-doc:end -->";

    public static Command Create(TextWriter output)
    {
        var doc = new Command("doc", "Print the settings table (Markdown: key, label, unit, default, range, help) that the README holds");
        doc.SetAction(async (_, _) =>
        {
            await output.WriteAsync(SettingsDoc.Markdown());
            return 0;
        });
        return new Command("settings", "What the settings are") { doc };
    }
}
