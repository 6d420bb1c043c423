using WawaTrader.Core.Configuration;
using WawaTrader.Web.Cli;

namespace WawaTrader.Tests.Web.Cli;

public sealed class SettingsVerbTests
{
    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Settings_doc_prints_a_row_per_setting_with_label_unit_default_range_and_help()
    {
        var (code, stdout, stderr) = await RunAsync("settings", "doc");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("| Key | Label | Unit | Default | Range | Help |", lines[0]);
        Assert.Equal(SettingsCategories.All.Sum(c => c.Fields.Count), lines.Length - 2);
        Assert.Contains("| `Risk:MaxPositionPct` | Largest position, % of equity | % | 10% | 0.1% to 100% | A buy is refused", stdout);
        Assert.Contains("| `Alerts:SmtpPassword` | SMTP password | — | not set (secret) |", stdout);
    }

    [Fact]
    public void The_readme_settings_table_is_the_output_of_settings_doc()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(SettingsVerb.StartMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(SettingsVerb.EndMarker, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no settings-doc markers");

        var section = readme[(start + SettingsVerb.StartMarker.Length)..end].Trim('\n') + "\n";

        Assert.True(SettingsDoc.Markdown() == section,
            "README.md's settings table differs from `settings doc`; regenerate it: dotnet run --project WawaTrader.Web -- settings doc");
    }

    [Fact]
    public void The_readme_lists_the_settings_doc_verb()
    {
        Assert.Contains("| `settings doc` |", File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WawaTrader.sln"))) return dir.FullName;
        throw new InvalidOperationException("WawaTrader.sln not found above " + AppContext.BaseDirectory);
    }
}
