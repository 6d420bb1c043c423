using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

public static class BacktestingWebServiceCollectionExtensions
{
    /// <summary>
    /// The background <see cref="BacktestRunner"/> (singleton and hosted service) behind the backtests page and API. Needs an
    /// <see cref="IBacktestStore"/> (AddPersistence); registers the engine as the <see cref="BacktestEngine"/> it calls.
    /// </summary>
    public static IServiceCollection AddBacktestRunner(this IServiceCollection services, IConfiguration configuration)
    {
        BacktestHost.AddEngine(services, configuration);
        services.AddSingleton<BacktestRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BacktestRunner>());
        return services;
    }
}
