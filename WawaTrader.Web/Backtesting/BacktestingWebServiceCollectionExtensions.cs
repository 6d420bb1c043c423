using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Backtesting;

public static class BacktestingWebServiceCollectionExtensions
{
    /// <summary>
    /// The background <see cref="BacktestRunner"/> (singleton and hosted service) behind the backtests page and API. Needs an
    /// <see cref="IBacktestStore"/> (AddPersistence); registers the engine as the <see cref="BacktestEngine"/> it calls, and the
    /// <see cref="ExampleBacktest"/> on the bundled simulated history. Also the
    /// <see cref="OptimizationRunner"/> (in memory) with the real <see cref="OptimizationEngine"/>, which falls back to the current
    /// Risk and Trading settings for parameters a grid does not set.
    /// </summary>
    public static IServiceCollection AddBacktestRunner(this IServiceCollection services, IConfiguration configuration)
    {
        BacktestHost.AddEngine(services, configuration);
        services.AddSingleton<BacktestRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BacktestRunner>());
        services.AddSingleton<ExampleBacktest>();
        services.AddSingleton<OptimizationEngine>(sp =>
        {
            var risk = sp.GetRequiredService<IOptionsMonitor<RiskOptions>>();
            var trading = sp.GetRequiredService<IOptionsMonitor<TradingOptions>>();
            return OptimizationWork.Create(sp.GetRequiredService<BacktestEngine>(), () => (risk.CurrentValue, trading.CurrentValue.PositionSizePct));
        });
        services.AddSingleton<OptimizationRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<OptimizationRunner>());
        return services;
    }
}
