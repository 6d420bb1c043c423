using System.CommandLine;
using System.CommandLine.Parsing;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Web.Cli;

/// <summary>
/// The verbs' error lines, each one sentence in the user's words after the verb (<c>backtest: --cash must be a number; 'lots' is not.</c>):
/// what the command line parser refuses, and the messages of expected exceptions without .NET's additions
/// (<c>(Parameter 'name')</c>, "Could not find file").
/// </summary>
public static class CliErrors
{
    /// <summary>The message of an expected failure as a sentence for the user.</summary>
    public static string Sentence(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex switch
        {
            FileNotFoundException { FileName: { Length: > 0 } file } => $"{file}: no such file.",
            ArgumentException { ParamName: { Length: > 0 } name } a => a.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal),
            _ => ex.Message,
        };
    }

    /// <summary>The message for a price file that cannot be opened, or null when <paramref name="path"/> names a readable file.</summary>
    public static string? MissingFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) return $"{path} is a folder, not a file.";
        return File.Exists(path) ? null : $"{path}: no such file.";
    }

    /// <summary>One line per problem the parser found, prefixed with the command (<c>bars fetch: ...</c>).</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult;
        var verb = Path(command);
        var lines = new List<string>();
        foreach (var error in parse.Errors)
        {
            var option = error.SymbolResult switch
            {
                OptionResult o => o,
                ArgumentResult { Parent: OptionResult o } => o,
                _ => null,
            };
            if (option is not null && option.Option.Required && option.Tokens.Count == 0)
            {
                lines.Add($"{verb}: {option.Option.Name} is required.");
                continue;
            }
            if (option is not null && Unreadable(option) is { } unreadable)
            {
                lines.Add($"{verb}: {unreadable}");
                continue;
            }
            if (error.SymbolResult is CommandResult or null && Missing(parse) is { Count: > 0 } missing)
            {
                lines.AddRange(missing.Select(m => $"{verb}: {m}"));
                continue;
            }
            if (error.SymbolResult is CommandResult or null && parse.UnmatchedTokens.Count > 0)
            {
                lines.AddRange(parse.UnmatchedTokens.Select(t => $"{verb}: '{t}' is not {(command.Command.Subcommands.Count > 0 ? "a command or option" : "an option")} of {verb}; see {verb} --help."));
                continue;
            }
            if (error.SymbolResult is CommandResult { Command.Subcommands.Count: > 0 } parent && !parent.Children.OfType<CommandResult>().Any())
            {
                lines.Add($"{verb}: give a command: {Or(parent.Command.Subcommands.Select(c => c.Name))}.");
                continue;
            }
            lines.Add($"{verb}: {error.Message}");
        }
        return [.. lines.Distinct()];
    }

    /// <summary>"--cash must be a number; 'lots' is not." when a value of the option cannot be read as its type.</summary>
    private static string? Unreadable(OptionResult option)
    {
        var type = option.Option.ValueType;
        var element = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
        if (element == typeof(string) || element == typeof(bool) || element == typeof(FileInfo)) return null;
        foreach (var token in option.Tokens)
        {
            if (!SettingValues.TryParse(token.Value, element, option.Option.Name, out _, out _))
                return $"{option.Option.Name} must be {SettingValues.Describe(element)}; '{token.Value}' is not.";
        }
        return null;
    }

    /// <summary>"--csv is required." for each required option of the command not given.</summary>
    private static List<string> Missing(ParseResult parse) =>
        [.. parse.CommandResult.Command.Options.Where(o => o.Required && parse.GetResult(o) is null).Select(o => $"{o.Name} is required.")];

    private static string Path(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? s = command; s is CommandResult c && c.Parent is not null; s = c.Parent) names.Insert(0, c.Command.Name);
        return names.Count == 0 ? command.Command.Name : string.Join(' ', names);
    }

    private static string Or(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} or {list[^1]}";
    }
}
