using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// The data-annotation rules of an options object, in the user's words: the key, the value and what is allowed
/// (<c>Risk:MaxPositionPct is 500; it must be between 0.1 and 100.</c>). The one place every start-up, settings-page and
/// parameter message about a single setting is worded; cross-field rules word their own messages (their validators name the keys).
/// </summary>
public static partial class SettingRules
{
    /// <summary>
    /// Every data-annotation rule <paramref name="options"/> breaks, property by property (a missing required value only says so),
    /// as (property name, message naming <c>{section}:{property}</c>).
    /// </summary>
    /// <remarks>With <paramref name="labelled"/> (the settings page and API), a setting of <see cref="SettingsCategories"/> is named
    /// by its label and key and its values and limits carry its unit: <c>Largest position, % of equity (Risk:MaxPositionPct) is 500%;
    /// it must be between 0.1% and 100%.</c></remarks>
    public static IReadOnlyList<(string Property, string Message)> Check(object options, string section, bool labelled = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<(string, string)>();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0) continue;
            var value = property.GetValue(options);
            var field = labelled ? SettingsCategories.Find(section)?.Field(property.Name) : null;
            var key = field?.Named ?? $"{section}:{property.Name}";
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = key };
            var rules = property.GetCustomAttributes<ValidationAttribute>(inherit: true).OrderBy(a => a is RequiredAttribute ? 0 : 1);
            foreach (var rule in rules)
            {
                if (rule.GetValidationResult(value, context) == ValidationResult.Success) continue;
                problems.Add((property.Name, field is not null && rule is RangeAttribute range ? DescribeRange(range, field, value) : Describe(rule, key, value)));
                if (rule is RequiredAttribute) break;
            }
        }
        return problems;
    }

    /// <summary>The sentence for <paramref name="value"/> of <paramref name="key"/> breaking <paramref name="rule"/>.</summary>
    public static string Describe(ValidationAttribute rule, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var isValue = $"{key} is {Shown(value)}";
        return rule switch
        {
            RequiredAttribute => value is string { Length: > 0 } ? $"{key} is blank; it must be set." : $"{key} is not set; it must be set.",
            RangeAttribute r => $"{isValue}; it must be {RangeText(r, Limit)}.",
            TickerSymbolsAttribute => $"{key} has {Shown(TickerSymbolsAttribute.Invalid(value))}, which is not a ticker symbol ({TickerSymbol.Rule}).",
            MinLengthAttribute m when value is not string => $"{key} has {Count(value)} item(s); it needs at least {m.Length}.",
            MinLengthAttribute m => $"{isValue}; it must be at least {m.Length} character(s) long.",
            MaxLengthAttribute m when value is not string => $"{key} has {Count(value)} item(s); it takes at most {m.Length}.",
            MaxLengthAttribute m => $"{isValue}; it must be at most {m.Length} character(s) long.",
            StringLengthAttribute s => $"{isValue}; it must be {s.MinimumLength} to {s.MaximumLength} characters long.",
            RegularExpressionAttribute re when Choices(re.Pattern) is { } choices => $"{isValue}; it must be {choices}.",
            EmailAddressAttribute => $"{isValue}; it must be an email address.",
            UrlAttribute => $"{isValue}; it must be an absolute http or https URL.",
            AllowedValuesAttribute a => $"{isValue}; it must be {OneOf(a.Values.Select(Shown))}.",
            _ => rule.FormatErrorMessage(key) is var message && message.Contains(key, StringComparison.Ordinal) ? message : $"{isValue}: {message}",
        };
    }

    /// <summary>A value as a message shows it: numbers and durations plain (invariant culture), text quoted, a list in brackets.</summary>
    public static string Shown(object? value) => value switch
    {
        null => "not set",
        string s => $"'{(s.Length <= 60 ? s : s[..60] + "…")}'",
        IEnumerable list => $"[{string.Join(", ", list.Cast<object?>().Select(Shown))}]",
        double d => Number(d),
        float f => Number(f),
        _ => SettingValues.Format(value) ?? "",
    };

    /// <summary>"Largest position, % of equity (Risk:MaxPositionPct) is 500%; it must be between 0.1% and 100%."</summary>
    private static string DescribeRange(RangeAttribute range, SettingField field, object? value)
    {
        var shown = SettingText.IsCounted(field) ? Shown(value) : SettingText.Value(field, value);
        var (min, max) = SettingText.Bounds(field, range);
        return $"{field.Named} is {shown}; it must be {RangeText(range, min, max)}.";
    }

    private static string RangeText(RangeAttribute r, Func<object, string> limit) => RangeText(r, limit(r.Minimum), limit(r.Maximum));

    private static string RangeText(RangeAttribute r, string min, string max)
    {
        return (r.MinimumIsExclusive, r.MaximumIsExclusive) switch
        {
            (false, false) => $"between {min} and {max}",
            (true, false) => $"more than {min} and at most {max}",
            (false, true) => $"at least {min} and below {max}",
            _ => $"more than {min} and below {max}",
        };
    }

    private static string Limit(object limit) => limit switch
    {
        double d => Number(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToString(limit, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Number(double d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    private static int Count(object? value) => value is IEnumerable e ? e.Cast<object?>().Count() : 0;

    /// <summary>"Simulated or Csv" for a pattern <c>^(Simulated|Csv)$</c>; null for any other pattern.</summary>
    private static string? Choices(string pattern) =>
        Alternatives().Match(pattern) is { Success: true } m ? OneOf(m.Groups[1].Value.Split('|')) : null;

    private static string OneOf(IEnumerable<string> choices)
    {
        var list = choices.ToList();
        return list.Count switch
        {
            0 => "empty",
            1 => list[0],
            2 => $"{list[0]} or {list[1]}",
            _ => $"one of {string.Join(", ", list)}",
        };
    }

    [GeneratedRegex(@"^\^\(([A-Za-z0-9_]+(?:\|[A-Za-z0-9_]+)*)\)\$$")]
    private static partial Regex Alternatives();
}
