using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Risk;

/// <summary>Registers the risk capability: validated <see cref="RiskOptions"/>, the risk manager and the position sizer.</summary>
public static class RiskServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RiskOptions"/> from the <c>Risk</c> section (data annotations + <see cref="RiskOptionsValidator"/>,
    /// checked at start-up) and adds <see cref="RiskManager"/>, <see cref="PositionSizer"/> and
    /// <see cref="RiskOptionsValidator"/> as singletons.
    /// </summary>
    public static IServiceCollection AddRisk(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RiskOptions>()
            .Bind(configuration.GetSection(RiskOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<RiskOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RiskOptions>, RiskOptionsValidator>());
        services.TryAddSingleton<RiskManager>();
        services.TryAddSingleton<PositionSizer>();
        return services;
    }
}
