using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Core.Analysis;

/// <summary>Registers the analysis capability: the rule-based <see cref="TechnicalAnalyst"/>, the model bridge (<see cref="LlmServiceCollectionExtensions.AddLlm"/>) and their validated options.</summary>
public static class AnalysisServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TechnicalAnalystOptions"/> from the <c>Analyst</c> section (data annotations +
    /// <see cref="TechnicalAnalystOptionsValidator"/>, checked at start-up) and registers <see cref="TechnicalAnalyst"/>
    /// as a singleton as itself; adds the model bridge (<see cref="LlmServiceCollectionExtensions.AddLlm"/>). The
    /// <see cref="IAnalyst"/> is the <see cref="LlmAnalyst"/> when <c>Llm:Enabled</c> is true at start-up (the default; it
    /// still reads <c>Llm:Enabled</c> live and answers with the technical view alone when it is switched off), otherwise the
    /// <see cref="TechnicalAnalyst"/>.
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
        services.AddLlm(configuration);
        var llm = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        if (llm.Enabled)
            services.TryAddSingleton<IAnalyst>(sp => sp.GetRequiredService<LlmAnalyst>());
        else
            services.TryAddSingleton<IAnalyst>(sp => sp.GetRequiredService<TechnicalAnalyst>());
        return services;
    }
}
