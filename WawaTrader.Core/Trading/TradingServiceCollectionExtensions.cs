using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WawaTrader.Core.Portfolio;

namespace WawaTrader.Core.Trading;

public static class TradingServiceCollectionExtensions
{
    /// <summary>Registers the agent: its options, the event hub, start/stop control, the portfolio read model, the cycle and the hosted loop.</summary>
    public static IServiceCollection AddTrading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TradingOptions>().Bind(configuration.GetSection(TradingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.PostConfigure<TradingOptions>(o =>
        {
            if (o.Watchlist.Length == 0) o.Watchlist = [.. TradingOptions.DefaultWatchlist];
            o.Watchlist = [.. o.Watchlist.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct()];
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentEventHub>();
        services.AddSingleton<AgentControl>();
        services.AddSingleton<PortfolioService>();
        services.AddSingleton<TradingCycle>();
        services.AddHostedService<TradingAgentService>();
        return services;
    }
}
