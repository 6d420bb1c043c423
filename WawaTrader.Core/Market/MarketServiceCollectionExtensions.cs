using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market;

/// <summary>Registration of the market capability.</summary>
public static class MarketServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="SimulationOptions"/> (section <c>Simulation</c>) and <see cref="TradingOptions"/>
    /// (section <c>Trading</c>), adds <see cref="TimeProvider.System"/> unless a TimeProvider is already registered, and
    /// registers <see cref="IMarketData"/> as a singleton chosen by <c>Trading:Market</c>: <see cref="SimulatedMarket"/>
    /// (<c>Simulated</c>) or <see cref="CsvMarketData"/> (<c>Csv</c>).</summary>
    public static IServiceCollection AddMarket(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationOptions>()
            .Bind(configuration.GetSection(SimulationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<TradingOptions>()
            .Bind(configuration.GetSection(TradingOptions.SectionName))
            .PostConfigure(options => ReplaceWatchlist(options, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMarketData>(sp =>
            sp.GetRequiredService<IOptions<TradingOptions>>().Value.Market switch
            {
                "Csv" => ActivatorUtilities.CreateInstance<CsvMarketData>(sp),
                _ => ActivatorUtilities.CreateInstance<SimulatedMarket>(sp),
            });
        return services;
    }

    /// <summary>The configuration binder appends configured array items to an array property's default value, so a
    /// configured <c>Trading:Watchlist</c> would come after the six default symbols; the configured list replaces them.</summary>
    private static void ReplaceWatchlist(TradingOptions options, IConfiguration configuration)
    {
        var configured = configuration.GetSection(TradingOptions.SectionName).GetSection(nameof(TradingOptions.Watchlist)).Get<string[]>();
        if (configured is { Length: > 0 }) options.Watchlist = configured;
    }
}
