using Microsoft.Extensions.Configuration.Memory;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Web.Settings;

public static class SettingsConfigurationExtensions
{
    /// <summary>
    /// Inserts the <see cref="SettingsConfigurationSource"/> (values saved from the settings page and the API) right after the last
    /// file source (appsettings.json, appsettings.{Environment}.json, user secrets), so saved values override the files while
    /// environment variables, the command line and later in-memory sources still override saved values: such a key is shown
    /// as "set by environment" and cannot be changed from the page. Adding it twice is a no-op.
    /// </summary>
    public static IConfigurationBuilder AddSettingsStore(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Sources.OfType<SettingsConfigurationSource>().Any()) return builder;
        var sources = builder.Sources;
        var lastFile = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is FileConfigurationSource) lastFile = i;
        }
        var index = lastFile >= 0 ? lastFile + 1 : FirstAfterDefaults(sources);
        sources.Insert(index, new SettingsConfigurationSource());
        return builder;
    }

    /// <summary>Without file sources: after the leading in-memory defaults, before anything else.</summary>
    private static int FirstAfterDefaults(IList<IConfigurationSource> sources)
    {
        var i = 0;
        while (i < sources.Count && sources[i] is MemoryConfigurationSource) i++;
        return i;
    }
}
