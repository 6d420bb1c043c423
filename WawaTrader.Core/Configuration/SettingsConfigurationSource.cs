using Microsoft.Extensions.Configuration;

namespace WawaTrader.Core.Configuration;

/// <summary>
/// The configuration source of the values a user saved (the <c>settings</c> table). It starts empty; <see cref="SettingsService.LoadAsync"/>
/// fills it at start-up once the database is migrated, and every save updates it and signals a reload so
/// <c>IOptionsMonitor&lt;T&gt;</c> sees the change. Place it right after the JSON files so environment variables and the command
/// line still override it. Building the source again (a configuration manager rebuilds its providers when a source is inserted)
/// returns the same provider, so its values are never lost.
/// </summary>
public sealed class SettingsConfigurationSource : IConfigurationSource
{
    public SettingsConfigurationProvider Provider { get; } = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

/// <summary>The provider behind <see cref="SettingsConfigurationSource"/>: a dictionary replaced as a whole, so readers never see half a save.</summary>
public sealed class SettingsConfigurationProvider : ConfigurationProvider
{
    /// <summary>Replaces every value; with <paramref name="reload"/> the configuration's change token fires.</summary>
    internal void Replace(IReadOnlyDictionary<string, string?> values, bool reload)
    {
        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        if (reload) OnReload();
    }

    /// <summary>Nothing to read on Load: the values come from <see cref="SettingsService"/>.</summary>
    public override void Load() { }
}
