using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Backtesting;

/// <summary>Registers the backtesting engine.</summary>
public static class BacktestingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StrategyRegistry.Default"/>, the process-wide <see cref="LlmLiveCache"/> (when the model bridge is registered)
    /// and a transient <see cref="Backtester"/> whose defaults are the agent's current Risk, Trading, Analyst and Llm settings
    /// (read when it is resolved), with the recorded model interactions for replay when a store is registered.
    /// <see cref="BacktestingOptions"/> (costs, cash) are bound by <c>AddSettings</c>.
    /// </summary>
    public static IServiceCollection AddBacktesting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(StrategyRegistry.Default);
        services.TryAddSingleton(sp => new LlmLiveCache(sp.GetRequiredService<IHttpMessageHandlerFactory>(), configuration, sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddTransient(sp => new Backtester(
            new BacktestDefaults(
                Current<RiskOptions>(sp),
                sp.GetService<IOptionsMonitor<TradingOptions>>()?.CurrentValue.PositionSizePct ?? BacktestDefaults.BuiltIn.PositionSizePct,
                Current<TechnicalAnalystOptions>(sp),
                Current<LlmOptions>(sp)),
            sp.GetRequiredService<StrategyRegistry>(),
            sp.GetService<ILlmInteractionStore>(),
            sp.GetService<IHttpMessageHandlerFactory>() is null ? null : sp.GetRequiredService<LlmLiveCache>(),
            sp.GetService<ILoggerFactory>()));
        return services;
    }

    private static T Current<T>(IServiceProvider sp) where T : class, new() =>
        sp.GetService<IOptionsMonitor<T>>()?.CurrentValue ?? new T();
}
