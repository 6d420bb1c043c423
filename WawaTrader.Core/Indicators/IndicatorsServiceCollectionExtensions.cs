using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WawaTrader.Core.Indicators;

/// <summary>Registration of the indicators capability.</summary>
public static class IndicatorsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IndicatorCalculator"/> as transient: it holds reusable buffers and is not thread-safe,
    /// so each consumer gets its own. The kernels themselves are static and need no registration.</summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.TryAddTransient<IndicatorCalculator>();
        return services;
    }
}
