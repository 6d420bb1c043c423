using System.Reflection;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Core.Configuration;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

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

    /// <summary>The position size of a new buy, percent of equity (<c>Trading:PositionSizePct=20</c>), taken by every strategy.</summary>
    public const string PositionSizeKey = TradingPrefix + nameof(TradingOptions.PositionSizePct);

    /// <summary>The short form of <see cref="PositionSizeKey"/> (<c>size=20</c>), as on the command line and in grids.</summary>
    public const string PositionSizeAlias = "size";

    /// <summary>The largest position in one symbol, percent of equity (<c>Risk:MaxPositionPct</c>).</summary>
    public const string MaxPositionKey = RiskPrefix + nameof(RiskOptions.MaxPositionPct);

    /// <summary>The largest total exposure, percent of equity (<c>Risk:MaxExposurePct</c>).</summary>
    public const string MaxExposureKey = RiskPrefix + nameof(RiskOptions.MaxExposurePct);

    /// <summary>
    /// Splits a run's parameters: <c>Risk:*</c> applied over <paramref name="risk"/> (validated as the settings page does),
    /// <see cref="PositionSizeKey"/> (or its alias <c>size</c>, not both) over <paramref name="positionSizePct"/>, and the rest,
    /// the strategy's own, returned as given (keys ignore case). The same split for the full engine and the fast path.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown <c>Risk:</c>/<c>Trading:</c> key, a bad value or broken cross-field rule;
    /// <see cref="ArgumentException.ParamName"/> names the key.</exception>
    public static (Dictionary<string, string> Strategy, RiskOptions Risk, double PositionSizePct) Split(
        IReadOnlyDictionary<string, string>? parameters, RiskOptions risk, double positionSizePct)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var strategy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var limits = new List<KeyValuePair<string, string>>();
        string? sizeKey = null;
        foreach (var (rawKey, value) in parameters ?? new Dictionary<string, string>())
        {
            var key = rawKey.Trim();
            var isSize = string.Equals(key, PositionSizeAlias, StringComparison.OrdinalIgnoreCase);
            if (key.StartsWith(RiskPrefix, StringComparison.OrdinalIgnoreCase)) limits.Add(new(key, value));
            else if (isSize || key.StartsWith(TradingPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (!isSize && !string.Equals(key, PositionSizeKey, StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"Unknown parameter '{key}'; of the Trading settings a backtest takes only {PositionSizeKey} (or {PositionSizeAlias}).", key);
                if (sizeKey is not null)
                    throw new ArgumentException($"Parameters '{sizeKey}' and '{key}' are the same position size; give one of them.", key);
                sizeKey = key;
                positionSizePct = PositionSize(key, value);
            }
            else strategy[key] = value;
        }
        return (strategy, Apply(risk, limits, RiskOptions.SectionName, new RiskOptionsValidator()), positionSizePct);
    }

    private static double PositionSize(string key, string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var pct) && pct is >= 0.1 and <= 100
            ? pct
            : throw new ArgumentException($"Parameter '{key}' must be a percent of equity from 0.1 to 100; '{value}' is not.", key);

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
