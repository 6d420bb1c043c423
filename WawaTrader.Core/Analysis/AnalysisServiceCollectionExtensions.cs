using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Analysis;

/// <summary>Registers the analysis capability: the rule-based <see cref="TechnicalAnalyst"/> and its validated options.</summary>
public static class AnalysisServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TechnicalAnalystOptions"/> from the <c>Analyst</c> section (data annotations +
    /// <see cref="TechnicalAnalystOptionsValidator"/>, checked at start-up) and registers <see cref="TechnicalAnalyst"/>
    /// as a singleton, both as itself and as <see cref="IAnalyst"/>.
    /// </summary>
    public static IServiceCollection AddAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TechnicalAnalystOptions>()
            .Bind(configuration.GetSection(TechnicalAnalystOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<TechnicalAnalystOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TechnicalAnalystOptions>, TechnicalAnalystOptionsValidator>());
        services.TryAddSingleton(sp => new TechnicalAnalyst(sp.GetRequiredService<IOptionsMonitor<TechnicalAnalystOptions>>()));
        services.TryAddSingleton<IAnalyst>(sp => sp.GetRequiredService<TechnicalAnalyst>());
        return services;
    }
}
