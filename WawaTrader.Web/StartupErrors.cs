using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Web;

/// <summary>
/// Turns a start-up failure into what a user needs: which setting is wrong, its value and what is allowed, one sentence each
/// (<c>Risk:MaxPositionPct is 500; it must be between 0.1 and 100.</c>), worded by <see cref="SettingRules"/> from the options'
/// data annotations, plus the messages of the options' own validators (cross-field rules).
/// </summary>
public static partial class StartupErrors
{
    /// <summary>
    /// The settings problems behind <paramref name="ex"/> (an options type that fails its rules, several of them, a value the binder
    /// cannot convert), in the user's words; empty when it is not a settings problem.
    /// </summary>
    public static IReadOnlyList<string> Describe(IServiceProvider services, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(services);
        return ex switch
        {
            OptionsValidationException invalid => DescribeInvalid(services, invalid),
            AggregateException many when many.Flatten().InnerExceptions is var inner && inner.All(e => e is OptionsValidationException or InvalidOperationException) =>
                inner.Select(e => Describe(services, e)).All(p => p.Count > 0) ? [.. inner.SelectMany(e => Describe(services, e))] : [],
            InvalidOperationException binding when Unconvertible(binding) is { } problem => [problem],
            _ => [],
        };
    }

    /// <summary>
    /// The problems of the settings a user cannot save on the settings page (<c>Database</c>, <c>Paper</c>, <c>Llm:Resilience</c>, …),
    /// which can be checked before the database is opened (the database path itself is one of them); the others are checked once
    /// the stored values are loaded, since a stored value may replace a file's.
    /// </summary>
    public static IReadOnlyList<string> ValidateUnstored(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var stored = SettingsCategories.All.Select(c => c.OptionsType).ToHashSet();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception ex) when (Describe(services, ex).Count > 0)
        {
            var inner = ex is AggregateException many ? many.Flatten().InnerExceptions : [ex];
            return [.. inner.Where(e => e is OptionsValidationException invalid ? !stored.Contains(invalid.OptionsType) : SettingsCategories.Find(SectionOf(e)) is null)
                .SelectMany(e => Describe(services, e))];
        }
    }

    /// <summary>The section of the key a binding failure names ("Risk" of "Risk:MaxPositionPct").</summary>
    private static string SectionOf(Exception ex) =>
        ex is InvalidOperationException && BinderFailure().Match(ex.Message) is { Success: true } m ? m.Groups["key"].Value.Split(':')[0] : "";

    private static IReadOnlyList<string> DescribeInvalid(IServiceProvider services, OptionsValidationException ex)
    {
        var worded = typeof(StartupErrors).GetMethod(nameof(Reword), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(ex.OptionsType).Invoke(null, [services, ex.OptionsName]) as IReadOnlyList<string>;
        return worded is { Count: > 0 } ? worded : [.. ex.Failures];
    }

    /// <summary>The lines to print: one problem after "WawaTrader cannot start: ", several listed under it.</summary>
    public static string Format(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"WawaTrader cannot start: {problems[0]}"
            : $"WawaTrader cannot start: {problems.Count} settings are wrong:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => "  " + p))}";
    }

    /// <summary>
    /// Builds the options as the app does (every Configure and PostConfigure step) without validating them, then words the
    /// data-annotation problems and adds the other validators' failures that do not name a key already reported.
    /// </summary>
    private static List<string> Reword<T>(IServiceProvider services, string name) where T : class
    {
        var options = new OptionsFactory<T>(services.GetServices<IConfigureOptions<T>>(), services.GetServices<IPostConfigureOptions<T>>(), []).Create(name);
        var section = typeof(T).GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string ?? typeof(T).Name;
        var checks = SettingRules.Check(options, section);
        var problems = checks.Select(p => p.Message).ToList();
        var reported = checks.Select(p => $"{section}:{p.Property}").ToList();
        foreach (var validator in services.GetServices<IValidateOptions<T>>().Where(v => v is not DataAnnotationValidateOptions<T>))
        {
            if (validator.Validate(name, options) is not { Failed: true } result) continue;
            problems.AddRange(result.Failures.Where(f => !reported.Any(k => f.Contains(k, StringComparison.Ordinal)) && !problems.Contains(f)));
        }
        return problems;
    }

    /// <summary>A configuration value the binder could not convert ("Failed to convert configuration value 'abc' at 'Risk:MaxPositionPct'
    /// to type 'System.Double'"), as <c>Risk:MaxPositionPct is 'abc'; it must be a number.</c></summary>
    private static string? Unconvertible(InvalidOperationException ex)
    {
        if (BinderFailure().Match(ex.Message) is not { Success: true } m) return null;
        var type = Type.GetType(m.Groups["type"].Value);
        var expected = type is null ? $"a {m.Groups["type"].Value}" : SettingValues.Describe(Nullable.GetUnderlyingType(type) ?? type);
        return $"{m.Groups["key"].Value} is '{m.Groups["value"].Value}'; it must be {expected}.";
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'\.")]
    private static partial Regex BinderFailure();
}
