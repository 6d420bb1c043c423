using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace WawaTrader.Core.Market;

/// <summary>
/// What a ticker symbol may be: upper-case letters, digits, '.' and '-', starting with a letter or digit, at most 12 characters
/// (<c>SPY</c>, <c>BRK.B</c>). The one rule of the watchlist (settings page, API, start-up) and of the bar downloads.
/// </summary>
public static partial class TickerSymbol
{
    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "letters, digits, '.', '-', at most 12";

    /// <summary>Trimmed and upper-cased, as the watchlist and the downloads store a symbol.</summary>
    public static string Normalize(string? symbol) => symbol?.Trim().ToUpperInvariant() ?? "";

    /// <summary>True when <paramref name="symbol"/> (already normalised) follows the rule.</summary>
    public static bool IsValid(string? symbol) => symbol is not null && Pattern().IsMatch(symbol);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.\\-]{0,11}$")]
    private static partial Regex Pattern();
}

/// <summary>Every item of a list of symbols follows <see cref="TickerSymbol"/>'s rule (once normalised).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TickerSymbolsAttribute : ValidationAttribute
{
    public TickerSymbolsAttribute() : base($"{{0}} holds a value that is not a ticker symbol ({TickerSymbol.Rule}).") { }

    public override bool IsValid(object? value) => Invalid(value).Count == 0;

    /// <summary>The items of <paramref name="value"/> that are not ticker symbols.</summary>
    public static IReadOnlyList<string> Invalid(object? value) =>
        value is IEnumerable<string?> list ? [.. list.Where(s => !TickerSymbol.IsValid(TickerSymbol.Normalize(s))).Select(s => s ?? "")] : [];
}
