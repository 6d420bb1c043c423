using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Core.Configuration;

/// <summary>Registers the settings capability.</summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SettingsService"/> (a singleton over the registered <see cref="ISettingsStore"/>, <see cref="ISecretProtector"/>,
    /// the app's <see cref="IConfiguration"/> root, which must hold a <see cref="SettingsConfigurationSource"/>, and
    /// <see cref="TimeProvider"/>), and binds the two categories no other capability owns yet — <see cref="AlertsOptions"/> (with
    /// <see cref="AlertsOptionsValidator"/>) and <see cref="BacktestingOptions"/> — validated at start-up.
    /// Call <see cref="SettingsService.LoadAsync"/> once the database is migrated, before the host starts.
    /// </summary>
    public static IServiceCollection AddSettings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertsOptions>()
            .Bind(configuration.GetSection(AlertsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>());
        services.AddOptions<BacktestingOptions>()
            .Bind(configuration.GetSection(BacktestingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SettingsService>();
        return services;
    }
}
