using System.Reflection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// Applies text parameters (<c>Name=value</c>, invariant culture, as on the command line) to a copy of an options object and
/// validates the result like the settings page does (data annotations and the cross-field validator). Every error is an
/// <see cref="ArgumentException"/> naming the parameter.
/// </summary>
public static class BacktestParameters
{
    /// <summary>Prefix of risk parameters (<c>Risk:MaxPositionPct=20</c>).</summary>
    public const string RiskPrefix = "Risk:";

    /// <summary>Prefix of trading parameters (<c>Trading:PositionSizePct=10</c>).</summary>
    public const string TradingPrefix = "Trading:";

    /// <summary>
    /// A copy of <paramref name="defaults"/> with <paramref name="parameters"/> set. A key is a property name, optionally prefixed
    /// by <paramref name="section"/> and a colon; names ignore case.
    /// </summary>
    public static T Apply<T>(T defaults, IEnumerable<KeyValuePair<string, string>> parameters, string section, IValidateOptions<T>? validator = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(parameters);
        var copy = new T();
        var properties = Settable(typeof(T));
        foreach (var property in properties) property.SetValue(copy, property.GetValue(defaults));
        var any = false;
        foreach (var (rawKey, text) in parameters)
        {
            any = true;
            var name = rawKey.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) ? rawKey[(section.Length + 1)..] : rawKey;
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown parameter '{rawKey}'; {section} takes {string.Join(", ", properties.Select(p => p.Name))}.", rawKey);
            if (!SettingValues.TryParse(text, property.PropertyType, $"Parameter '{rawKey}'", out var value, out var error))
                throw new ArgumentException(error, rawKey);
            property.SetValue(copy, value);
        }
        if (!any) return copy;

        if (SettingRules.Check(copy, section) is { Count: > 0 } broken)
            throw new ArgumentException(string.Join(" ", broken.Select(b => b.Message)));
        if (validator?.Validate(Options.DefaultName, copy) is { Failed: true } failed)
            throw new ArgumentException(string.Join(" ", failed.Failures));
        return copy;
    }

    /// <summary>The parameters an options type offers, with their defaults as text.</summary>
    public static IReadOnlyList<StrategyParameter> Describe<T>(T defaults) where T : class =>
        Settable(typeof(T)).Select(p => new StrategyParameter(p.Name, p.Name, SettingValues.Format(p.GetValue(defaults)) ?? "")).ToArray();

    // Looked up once per options type: a sweep applies parameters thousands of times.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> SettableByType = new();

    private static PropertyInfo[] Settable(Type type) =>
        SettableByType.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && SettingValues.IsSupported(p.PropertyType) && p.PropertyType != typeof(string[]))
            .ToArray());
}
