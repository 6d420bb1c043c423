using Microsoft.Extensions.DependencyInjection;

namespace WawaTrader.Core.FirstRun;

public static class FirstRunServiceCollectionExtensions
{
    /// <summary>The <see cref="FirstRunGuide"/> the dashboard's tour reads (the store comes with AddPersistence).</summary>
    public static IServiceCollection AddFirstRun(this IServiceCollection services)
    {
        services.AddSingleton<FirstRunGuide>();
        return services;
    }
}
