using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// A settings category: its name (also the configuration section and the URL segment), its options type, its fields, which of
/// them are secrets and the rules a value must pass before it is saved (data annotations + the category's
/// <see cref="IValidateOptions{TOptions}"/>). Build one with <see cref="Create{TOptions}"/>; the list is <see cref="SettingsCategories"/>.
/// </summary>
public sealed class SettingsCategory
{
    private readonly Func<IConfiguration, object> _bind;
    private readonly Func<object, IEnumerable<string>> _crossFieldFailures;
    private readonly Action<object> _normalize;

    private SettingsCategory(string name, Type optionsType, IReadOnlyList<SettingField> fields,
        Func<IConfiguration, object> bind, Func<object, IEnumerable<string>> crossFieldFailures, Action<object> normalize)
    {
        _normalize = normalize;
        Name = name;
        OptionsType = optionsType;
        Fields = fields;
        _bind = bind;
        _crossFieldFailures = crossFieldFailures;
    }

    /// <summary><c>Risk</c>, <c>Trading</c>, … — the configuration section name.</summary>
    public string Name { get; }

    public Type OptionsType { get; }

    /// <summary>Every settable public property of the options type, then the key-only secrets.</summary>
    public IReadOnlyList<SettingField> Fields { get; }

    /// <summary>The field named <paramref name="name"/> (property or camelCase name, case-insensitive), or null.</summary>
    public SettingField? Field(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A category over <typeparamref name="TOptions"/> bound from the section <paramref name="name"/>.
    /// <paramref name="secrets"/> names properties whose values are write-only, or extra key-only secrets when the type has no such
    /// property; such a key is described by a public constant of <typeparamref name="TOptions"/> whose value is the key's name
    /// (with its <c>[Display]</c> and <see cref="UnitAttribute"/>). <paramref name="normalize"/> runs after binding (as the capability's
    /// PostConfigure does); <paramref name="defaults"/> sets what the capability uses when nothing is configured (the fields' <see cref="SettingField.Default"/>).
    /// </summary>
    public static SettingsCategory Create<TOptions>(string name, IEnumerable<IValidateOptions<TOptions>>? validators = null,
        IReadOnlyCollection<string>? secrets = null, Action<TOptions>? normalize = null, Action<TOptions>? defaults = null)
        where TOptions : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        secrets ??= [];
        var rules = validators?.ToList() ?? [];
        var properties = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.SetMethod!.IsPublic)
            .ToList();
        var initial = new TOptions();
        defaults?.Invoke(initial);
        var fields = properties
            .Select(p =>
            {
                var secret = secrets.Contains(p.Name, StringComparer.OrdinalIgnoreCase);
                return new SettingField(name, p.Name, p.PropertyType, p, secret)
                {
                    Description = SettingDescription.Of(p, typeof(TOptions)),
                    Default = secret ? null : p.GetValue(initial),
                };
            })
            .Concat(secrets.Where(s => !properties.Any(p => string.Equals(p.Name, s, StringComparison.OrdinalIgnoreCase)))
                .Select(s => new SettingField(name, s, typeof(string), null, IsSecret: true)
                {
                    Description = SettingDescription.Of(KeyConstant(typeof(TOptions), s), typeof(TOptions)),
                }))
            .ToList();
        foreach (var field in fields.Where(f => !SettingValues.IsSupported(f.Type)))
            throw new NotSupportedException($"{field.Key} has type {field.Type.Name}, which settings cannot store.");

        return new SettingsCategory(name, typeof(TOptions), fields,
            configuration =>
            {
                var options = new TOptions();
                configuration.GetSection(name).Bind(options);
                normalize?.Invoke(options);
                return options;
            },
            options => rules.SelectMany(r => r.Validate(Options.DefaultName, (TOptions)options) is { Failed: true } result ? result.Failures : []),
            options => normalize?.Invoke((TOptions)options));
    }

    /// <summary>The public constant of <paramref name="optionsType"/> whose value is <paramref name="key"/> (<c>LlmOptions.ApiKeySetting</c>), or null.</summary>
    private static FieldInfo? KeyConstant(Type optionsType, string key) =>
        optionsType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(f => f.IsLiteral && f.FieldType == typeof(string) && string.Equals((string?)f.GetRawConstantValue(), key, StringComparison.Ordinal));

    /// <summary>The options bound from <paramref name="configuration"/> with <paramref name="values"/> set (typed values of property fields), normalised.</summary>
    internal object With(IConfiguration configuration, IEnumerable<KeyValuePair<SettingField, object?>> values)
    {
        var options = Bind(configuration);
        foreach (var (field, value) in values)
        {
            field.Property?.SetValue(options, value);
        }
        _normalize(options);
        return options;
    }

    /// <summary>A new options object bound from <paramref name="configuration"/>'s section, normalised.</summary>
    public object Bind(IConfiguration configuration) => _bind(configuration);

    /// <summary>
    /// Every rule <paramref name="options"/> breaks, keyed by field name (PascalCase). Data-annotation messages are worded by
    /// <see cref="SettingRules"/> with the fields' labels and units
    /// (<c>Largest position, % of equity (Risk:MaxPositionPct) is 500%; it must be between 0.1% and 100%.</c>); a cross-field message is listed under every field
    /// whose key it names, or under "" when it names none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Validate(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (property, message) in SettingRules.Check(options, Name, labelled: true))
            if (Field(property) is { Property: not null } field) Add(errors, field.Name, [message]);
        foreach (var failure in _crossFieldFailures(options))
        {
            var named = Fields.Where(f => Names(failure, f.Key)).Select(f => f.Name).ToList();
            if (named.Count == 0) named.Add("");
            foreach (var name in named) Add(errors, name, [failure]);
        }
        return errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when <paramref name="message"/> names <paramref name="key"/> as a whole key (not a prefix of a longer one).</summary>
    private static bool Names(string message, string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(message, System.Text.RegularExpressions.Regex.Escape(key) + "(?![A-Za-z0-9_])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static void Add(Dictionary<string, List<string>> errors, string field, IEnumerable<string> messages)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.AddRange(messages.Where(m => !list.Contains(m)));
    }
}
