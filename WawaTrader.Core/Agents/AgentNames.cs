using System.Text.RegularExpressions;

namespace WawaTrader.Core.Agents;

/// <summary>The rule for agent names: 1 to 32 ASCII letters, digits, '-' or '_', and not the reserved <see cref="AgentOptions.All"/>.</summary>
public static partial class AgentNames
{
    /// <summary>Longest name, in characters (the width of the <c>agent</c> columns).</summary>
    public const int MaxLength = 32;

    /// <summary>What a valid name looks like, for messages.</summary>
    public const string Rule = "1 to 32 letters, digits, '-' or '_' (and not 'all')";

    public static bool IsValid(string? name) =>
        name is not null && Pattern().IsMatch(name) && !string.Equals(name, AgentOptions.All, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex Pattern();
}
