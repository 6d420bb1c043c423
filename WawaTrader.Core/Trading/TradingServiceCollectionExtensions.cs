using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WawaTrader.Core.Portfolio;

namespace WawaTrader.Core.Trading;

public static class TradingServiceCollectionExtensions
{
    /// <summary>Registers the agent: its options, the event hub, start/stop control and the kill switch, the portfolio read model, the cycle and the hosted loop.</summary>
    public static IServiceCollection AddTrading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTradingOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentEventHub>();
        services.AddSingleton<AgentControl>();
        services.AddSingleton<KillSwitch>();
        services.AddSingleton<PortfolioService>();
        // The live agent keeps its decisions without an order behind the cycle (TradingCycle.RecordsBehind).
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TradingCycle>(sp, true));
        services.AddHostedService<TradingAgentService>();
        return services;
    }

    /// <summary>Binds and validates <see cref="TradingOptions"/> once (the market and the agent both need it; binding twice
    /// would append the watchlist to itself). A watchlist left empty by configuration gets <see cref="TradingOptions.DefaultWatchlist"/>;
    /// symbols are trimmed, upper-cased and de-duplicated.</summary>
    public static IServiceCollection AddTradingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TradingOptionsRegistered))) return services;
        services.AddSingleton<TradingOptionsRegistered>();
        services.AddOptions<TradingOptions>()
            .Bind(configuration.GetSection(TradingOptions.SectionName))
            .PostConfigure(o =>
            {
                if (o.Watchlist.Length == 0) o.Watchlist = [.. TradingOptions.DefaultWatchlist];
                o.Watchlist = [.. o.Watchlist.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct()];
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    private sealed class TradingOptionsRegistered;
}
