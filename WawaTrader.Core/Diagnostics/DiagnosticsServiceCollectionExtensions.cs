using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;

namespace WawaTrader.Core.Diagnostics;

/// <summary>Registers the agent's metrics and health checks.</summary>
public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>Tag of the liveness check (the process answers).</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the readiness checks (every dependency the agent trades through).</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long a readiness check may take before it counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (<c>AddMetrics</c>), <see cref="TradingMetrics"/> and <see cref="MarketFreshness"/> (the cycle,
    /// the analyst, the journal and the hosted loop pick them up when registered), and the health checks: <c>self</c> tagged
    /// <see cref="LiveTag"/>; tagged <see cref="ReadyTag"/> the database (reachable, migrated; Unhealthy on failure), the broker
    /// (Unhealthy), market freshness (Degraded) and the model (Degraded: technical analysis only).
    /// </summary>
    public static IServiceCollection AddDiagnostics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<TradingMetrics>();
        services.TryAddSingleton<MarketFreshness>();
        services.AddHostedService<NativeMemoryTrimmer>(); // gives the C allocator's free pages back (Linux)
        services.AddHttpClient(LlmHealthCheck.ProbeClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("The process is up."), [LiveTag])
            .AddDatabaseChecks(ReadyTag)
            .AddCheck<BrokerHealthCheck>("broker", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<MarketDataHealthCheck>("market-data", HealthStatus.Degraded, [ReadyTag], CheckTimeout)
            .AddCheck<LlmHealthCheck>("model", HealthStatus.Degraded, [ReadyTag], CheckTimeout);
        return services;
    }
}
