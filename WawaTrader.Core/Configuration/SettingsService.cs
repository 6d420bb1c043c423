using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// Reads, validates, saves and reverts the settings of <see cref="SettingsCategories"/>. Defaults come from the configuration
/// files; the values a user saved live in <see cref="ISettingsStore"/> and reach the app through the
/// <see cref="SettingsConfigurationProvider"/> in the configuration (so <c>IOptionsMonitor&lt;T&gt;</c> sees a save at
/// once). A save validates the whole category object (data annotations + the category's validators) before anything is written;
/// each changed field becomes one history row. A stored value that cannot be read or breaks a rule is not applied: its key falls back
/// to the default, and the problem is logged and listed in <see cref="Problems"/>. Secrets are stored through
/// <see cref="ISecretProtector"/>, never returned, never recorded in the history, never logged. Saves are serialised.
/// </summary>
public sealed class SettingsService
{
    /// <summary>The history's new value of a secret that was set.</summary>
    public const string SecretChanged = "(secret changed)";

    /// <summary>The history's new value of a secret that was cleared.</summary>
    public const string SecretCleared = "(secret cleared)";

    private readonly IConfigurationRoot _configuration;
    private readonly SettingsConfigurationProvider _provider;
    private readonly ISettingsStore _store;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger<SettingsService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, string> _stored = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<SettingsProblem> _problems = [];

    /// <param name="configuration">The app's configuration root; it must hold a <see cref="SettingsConfigurationSource"/>.</param>
    public SettingsService(IConfiguration configuration, ISettingsStore store, ISecretProtector protector, TimeProvider time,
        ILogger<SettingsService> logger)
    {
        _configuration = configuration as IConfigurationRoot
            ?? throw new InvalidOperationException("Settings need the configuration root (IConfigurationRoot).");
        _provider = _configuration.Providers.OfType<SettingsConfigurationProvider>().SingleOrDefault()
            ?? throw new InvalidOperationException(
                "The configuration has no SettingsConfigurationSource; add it after the JSON files (AddSettingsStore in Program.cs).");
        _store = store;
        _protector = protector;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after every successful save or revert that changed something, with the recorded changes.</summary>
    public event Action<IReadOnlyList<SettingChange>>? Changed;

    /// <summary>Stored values that were not applied at start-up (all categories); a later save of the field clears its problem.</summary>
    public IReadOnlyList<SettingsProblem> Problems => Volatile.Read(ref _problems);

    /// <summary>
    /// Reads the stored values into the configuration (once, at start-up, after the database is migrated and before the agent starts).
    /// Values that cannot be read or break a rule are left out and reported in <see cref="Problems"/>.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await _store.GetAllAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _provider.Replace(new Dictionary<string, string?>(), reload: false);
            var problems = new List<SettingsProblem>();
            var accepted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in rows.GroupBy(r => r.Category, StringComparer.OrdinalIgnoreCase))
            {
                if (SettingsCategories.Find(group.Key) is not { } category)
                {
                    problems.AddRange(group.Select(r => new SettingsProblem(r.Category, r.Key, $"{r.Category}:{r.Key} is not a known setting; it is ignored.")));
                    continue;
                }
                LoadCategory(category, group, accepted, problems);
            }
            Volatile.Write(ref _stored, accepted);
            Volatile.Write(ref _problems, problems);
            _provider.Replace(Expand(accepted), reload: true);
            foreach (var problem in problems) Log.StoredSettingIgnored(_logger, $"{problem.Category}:{problem.Field}", problem.Message);
            Log.SettingsLoaded(_logger, accepted.Count, problems.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The effective values of <paramref name="category"/>, which keys are overridden, and its problems.</summary>
    public SettingsSnapshot Get(SettingsCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var options = category.Bind(_configuration);
        var stored = Volatile.Read(ref _stored);
        var values = category.Fields.Select(f =>
        {
            var isStored = stored.ContainsKey(f.Key);
            if (f.IsSecret) return new SettingValue(f, null, null, !string.IsNullOrEmpty(_configuration[f.Key]), IsOverridden(f), isStored);
            var value = f.Property!.GetValue(options);
            return new SettingValue(f, value, SettingValues.Format(value), true, IsOverridden(f), isStored);
        }).ToList();
        return new SettingsSnapshot(category, values, Problems.Where(p => p.Category == category.Name).ToList());
    }

    /// <summary>
    /// What saving <paramref name="changes"/> (field name → configuration string; a secret's "" clears it, null keeps it) would
    /// report, without saving: the errors per field, or the changes that would be recorded (ids 0).
    /// </summary>
    public SettingsSaveResult Validate(SettingsCategory category, IReadOnlyDictionary<string, string?> changes)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(changes);
        var plan = Prepare(category, changes);
        if (plan.Errors.Count > 0) return SettingsSaveResult.Failed(plan.Errors);
        var now = _time.GetUtcNow().UtcDateTime;
        return new SettingsSaveResult(Empty, plan.Changes.Select(c => Draft(category, c, now, SettingSource.Ui, null))
            .Select(d => new SettingChange(0, d.Time, d.Category, d.Field, d.OldValue, d.NewValue, d.Source, d.RevertedChangeId)).ToList());
    }

    /// <summary>
    /// Validates the category with <paramref name="changes"/> applied (field name → configuration string; fields not given keep
    /// their value; a secret's "" clears it, null keeps it) and, when every rule passes, stores the changed fields, records one
    /// history row each and applies them to the running app. Invalid input saves nothing.
    /// </summary>
    public Task<SettingsSaveResult> SaveAsync(SettingsCategory category, IReadOnlyDictionary<string, string?> changes, SettingSource source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(changes);
        return SaveCoreAsync(category, changes, source, null, cancellationToken);
    }

    /// <summary>
    /// Applies the old value of history row <paramref name="changeId"/> as a new change (source <see cref="SettingSource.Revert"/>),
    /// validated like any other. Null when there is no such row; errors when the value breaks a rule today or the change was a secret's.
    /// </summary>
    public async Task<SettingsSaveResult?> RevertAsync(long changeId, CancellationToken cancellationToken)
    {
        var change = await _store.GetChangeAsync(changeId, cancellationToken);
        if (change is null) return null;
        if (SettingsCategories.Find(change.Category) is not { } category || category.Field(change.Field) is not { } field)
            return SettingsSaveResult.Failed(Error(change.Field, $"{change.Category}:{change.Field} is no longer a setting."));
        if (field.IsSecret)
            return SettingsSaveResult.Failed(Error(field.Name, $"{field.Key} is a secret: its old value was never recorded, so the change cannot be reverted; enter it again."));
        return await SaveCoreAsync(category, new Dictionary<string, string?> { [field.Name] = change.OldValue }, SettingSource.Revert, changeId, cancellationToken);
    }

    /// <summary>Newest first; <paramref name="limit"/> is clamped to 1–1000.</summary>
    public Task<IReadOnlyList<SettingChange>> GetHistoryAsync(string? category, int limit, CancellationToken cancellationToken) =>
        _store.GetHistoryAsync(category, Math.Clamp(limit, 1, 1000), cancellationToken);

    private async Task<SettingsSaveResult> SaveCoreAsync(SettingsCategory category, IReadOnlyDictionary<string, string?> changes,
        SettingSource source, long? revertedChangeId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        IReadOnlyList<SettingChange> recorded;
        try
        {
            var plan = Prepare(category, changes);
            if (plan.Errors.Count > 0) return SettingsSaveResult.Failed(plan.Errors);
            if (plan.Changes.Count == 0) return new SettingsSaveResult(Empty, []);
            var now = _time.GetUtcNow().UtcDateTime;
            var values = plan.Changes.Select(c => new StoredSetting(category.Name, c.Field.Name,
                c.Field.IsSecret ? (c.New.Length == 0 ? null : _protector.Protect(c.New)) : c.New)).ToList();
            recorded = await _store.SaveAsync(values, plan.Changes.Select(c => Draft(category, c, now, source, revertedChangeId)).ToList(), cancellationToken);

            var stored = new Dictionary<string, string>(Volatile.Read(ref _stored), StringComparer.OrdinalIgnoreCase);
            foreach (var c in plan.Changes)
            {
                if (c.Field.IsSecret && c.New.Length == 0) stored.Remove(c.Field.Key);
                else stored[c.Field.Key] = c.New;
            }
            Volatile.Write(ref _stored, stored);
            Volatile.Write(ref _problems, Problems.Where(p => !(p.Category == category.Name && plan.Changes.Any(c => c.Field.Name == p.Field))).ToList());
            _provider.Replace(Expand(stored), reload: true);
            Log.SettingsChanged(_logger, category.Name, source, string.Join(", ", plan.Changes.Select(c => c.Field.Name)));
        }
        finally
        {
            _gate.Release();
        }
        Changed?.Invoke(recorded);
        return new SettingsSaveResult(Empty, recorded);
    }

    private Plan Prepare(SettingsCategory category, IReadOnlyDictionary<string, string?> changes)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var current = category.Bind(_configuration);
        var typed = new Dictionary<SettingField, object?>();
        var secrets = new Dictionary<SettingField, string>();
        foreach (var (name, text) in changes)
        {
            if (category.Field(name) is not { } field)
            {
                Add(errors, name, $"{category.Name}:{name} is not a setting of {category.Name}.");
            }
            else if (field.IsSecret)
            {
                if (text is null) continue;
                if (IsOverridden(field)) Add(errors, field.Name, OverriddenMessage(field));
                else secrets[field] = text.Trim();
            }
            else if (!SettingValues.TryParse(text, field.Type, field.Named, out var value, out var error))
            {
                Add(errors, field.Name, error!);
            }
            else
            {
                typed[field] = value;
            }
        }
        var candidate = category.With(_configuration,
            typed.Concat(secrets.Where(s => s.Key.Property is not null).Select(s => KeyValuePair.Create(s.Key, (object?)s.Value))));
        var planned = new List<PlannedChange>();
        foreach (var field in typed.Keys)
        {
            var old = SettingValues.Format(field.Property!.GetValue(current));
            var now = SettingValues.Format(field.Property.GetValue(candidate));
            if (old == now) continue;
            if (IsOverridden(field)) Add(errors, field.Name, OverriddenMessage(field));
            else planned.Add(new PlannedChange(field, old, now ?? ""));
        }
        var stored = Volatile.Read(ref _stored);
        foreach (var (field, text) in secrets)
        {
            if (text.Length == 0 ? stored.ContainsKey(field.Key) : text != (_configuration[field.Key] ?? ""))
                planned.Add(new PlannedChange(field, null, text));
        }
        foreach (var (field, messages) in category.Validate(candidate)) Add(errors, field, messages);
        foreach (var (field, message) in AlpacaKeysProblems(candidate)) Add(errors, field, [message]);
        return new Plan(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase), planned);
    }

    /// <summary>Choosing Alpaca as broker or market needs the keys (the app would refuse to start without them): refused before
    /// saving, naming the variables. Keys set in any source count (ours or Alpaca's own variables).</summary>
    private IEnumerable<(string Field, string Message)> AlpacaKeysProblems(object candidate)
    {
        if (candidate is not Trading.TradingOptions trading) yield break;
        var hasKeys = !string.IsNullOrWhiteSpace(_configuration["Alpaca:KeyId"] ?? _configuration[Market.Alpaca.AlpacaOptions.ApcaKeyIdVariable])
            && !string.IsNullOrWhiteSpace(_configuration["Alpaca:SecretKey"] ?? _configuration[Market.Alpaca.AlpacaOptions.ApcaSecretKeyVariable]);
        if (hasKeys) yield break;
        var variables = $"set {Market.Alpaca.AlpacaOptions.ApcaKeyIdVariable} and {Market.Alpaca.AlpacaOptions.ApcaSecretKeyVariable} " +
            $"(or {Market.Alpaca.AlpacaOptions.KeyIdVariable} and {Market.Alpaca.AlpacaOptions.SecretKeyVariable}, or the Alpaca keys on the Alpaca settings) first";
        if (string.Equals(trading.Broker, "Alpaca", StringComparison.OrdinalIgnoreCase))
            yield return (nameof(Trading.TradingOptions.Broker), $"Trading:Broker Alpaca needs the Alpaca keys: {variables}.");
        if (string.Equals(trading.Market, "Alpaca", StringComparison.OrdinalIgnoreCase))
            yield return (nameof(Trading.TradingOptions.Market), $"Trading:Market Alpaca needs the Alpaca keys: {variables}.");
    }

    private void LoadCategory(SettingsCategory category, IEnumerable<StoredSetting> rows, Dictionary<string, string> accepted, List<SettingsProblem> problems)
    {
        var typed = new Dictionary<SettingField, (string Text, object? Value)>();
        foreach (var row in rows)
        {
            if (category.Field(row.Key) is not { } field)
            {
                problems.Add(new SettingsProblem(category.Name, row.Key, $"{category.Name}:{row.Key} is not a known setting; it is ignored."));
            }
            else if (field.IsSecret)
            {
                if (string.IsNullOrEmpty(row.Value)) continue;
                try
                {
                    var plain = _protector.Unprotect(row.Value);
                    typed[field] = (plain, plain);
                }
                catch (CryptographicException)
                {
                    problems.Add(new SettingsProblem(category.Name, field.Name,
                        $"The stored secret {field.Key} could not be decrypted (were the data protection keys lost?); it is ignored. Enter it again."));
                }
            }
            else if (!SettingValues.TryParse(row.Value, field.Type, field.Key, out var value, out var error))
            {
                problems.Add(new SettingsProblem(category.Name, field.Name, NotApplied(category, field, row.Value, error!)));
            }
            else
            {
                typed[field] = (row.Value ?? "", value);
            }
        }
        while (true)
        {
            var candidate = category.With(_configuration, typed
                .Where(t => t.Key.Property is not null && !IsOverridden(t.Key))
                .Select(t => KeyValuePair.Create(t.Key, t.Value.Value)));
            var culprits = category.Validate(candidate)
                .Select(e => (Field: category.Field(e.Key), Messages: e.Value))
                .Where(e => e.Field is not null && typed.ContainsKey(e.Field) && !IsOverridden(e.Field))
                .ToList();
            if (culprits.Count == 0) break;
            foreach (var (field, messages) in culprits)
            {
                var text = field!.IsSecret ? null : typed[field].Text;
                problems.Add(new SettingsProblem(category.Name, field.Name, NotApplied(category, field, text, string.Join(" ", messages))));
                typed.Remove(field);
            }
        }
        foreach (var (field, value) in typed) accepted[field.Key] = value.Text;
    }

    private string NotApplied(SettingsCategory category, SettingField field, string? storedText, string reason)
    {
        var shown = field.IsSecret ? "The stored secret" : $"The stored value '{storedText}' of";
        var fallback = field.Property is null ? "" : $" The default ({SettingValues.Format(field.Property.GetValue(category.Bind(_configuration)))}) is used.";
        return $"{shown} {field.Key} was not applied: {reason}{fallback}";
    }

    /// <summary>True when a configuration source after the settings store (environment, command line) sets the key or its items.</summary>
    private bool IsOverridden(SettingField field)
    {
        var providers = _configuration.Providers.ToList();
        var index = providers.IndexOf(_provider);
        return providers.Skip(index + 1).Any(p => p.TryGet(field.Key, out _) || p.GetChildKeys([], field.Key).Any());
    }

    private static string OverriddenMessage(SettingField field) =>
        $"{field.Key} is set by the environment (an environment variable or the command line) and cannot be changed here.";

    /// <summary>The provider's keys: scalars as they are; a list as <c>Key:0…</c>, padded with blanks over the items an earlier source
    /// (appsettings.json) has beyond it, since configuration merges lists item by item (blanks are dropped when bound).</summary>
    private Dictionary<string, string?> Expand(IReadOnlyDictionary<string, string> stored)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var providers = _configuration.Providers.ToList();
        var earlier = providers.Take(Math.Max(0, providers.IndexOf(_provider))).ToList();
        foreach (var (key, text) in stored)
        {
            var separator = key.IndexOf(':', StringComparison.Ordinal);
            var field = SettingsCategories.Find(key[..separator])?.Field(key[(separator + 1)..]);
            if (field is not { IsList: true })
            {
                result[key] = text;
                continue;
            }
            SettingValues.TryParse(text, field.Type, key, out var value, out _);
            var items = value as string[] ?? [];
            var earlierCount = earlier.SelectMany(p => p.GetChildKeys([], key))
                .Select(k => int.TryParse(k, out var i) ? i + 1 : 0).DefaultIfEmpty(0).Max();
            for (var i = 0; i < Math.Max(items.Length, earlierCount); i++) result[$"{key}:{i}"] = i < items.Length ? items[i] : "";
        }
        return result;
    }

    private static SettingChangeDraft Draft(SettingsCategory category, PlannedChange c, DateTime now, SettingSource source, long? revertedChangeId) =>
        c.Field.IsSecret
            ? new SettingChangeDraft(now, category.Name, c.Field.Name, null, c.New.Length == 0 ? SecretCleared : SecretChanged, source, revertedChangeId)
            : new SettingChangeDraft(now, category.Name, c.Field.Name, c.Old, c.New, source, revertedChangeId);

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    private static void Add(Dictionary<string, List<string>> errors, string field, IEnumerable<string> messages)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.AddRange(messages.Where(m => !list.Contains(m)));
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message) => Add(errors, field, [message]);

    private sealed record PlannedChange(SettingField Field, string? Old, string New);

    private sealed record Plan(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<PlannedChange> Changes);
}
