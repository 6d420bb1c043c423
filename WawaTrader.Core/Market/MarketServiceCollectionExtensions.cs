using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market;

/// <summary>Registration of the market capability.</summary>
public static class MarketServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="SimulationOptions"/> (section <c>Simulation</c>) and <see cref="TradingOptions"/>
    /// (section <c>Trading</c>), adds <see cref="TimeProvider.System"/> unless a TimeProvider is already registered, and
    /// registers <see cref="IMarketData"/> as a singleton chosen by <c>Trading:Market</c>: <see cref="SimulatedMarket"/>
    /// (<c>Simulated</c>), <see cref="CsvMarketData"/> (<c>Csv</c>) or <see cref="AlpacaLiveMarket"/> (<c>Alpaca</c>, see
    /// <see cref="AlpacaServiceCollectionExtensions.AddAlpacaLiveMarket"/>). A real market (not the simulated one) is wrapped in
    /// <see cref="CachingMarketData"/> when a <see cref="BarRecorder"/> is registered (AddPersistence), so the bars the agent reads
    /// land in the bar cache while <c>Market:CacheBars</c> (<see cref="MarketOptions"/>) is on.</summary>
    public static IServiceCollection AddMarket(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationOptions>()
            .Bind(configuration.GetSection(SimulationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<MarketOptions>()
            .Bind(configuration.GetSection(MarketOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTradingOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAlpacaLiveMarket(configuration); // used only when Trading:Market is Alpaca
        services.TryAddSingleton<IMarketData>(sp =>
        {
            IMarketData market = sp.GetRequiredService<IOptions<TradingOptions>>().Value.Market switch
            {
                "Csv" => ActivatorUtilities.CreateInstance<CsvMarketData>(sp),
                "Alpaca" => sp.GetRequiredService<AlpacaLiveMarket>(),
                _ => ActivatorUtilities.CreateInstance<SimulatedMarket>(sp),
            };
            // Made-up prices under real tickers must never reach the cache that backtests read.
            if (market is SimulatedMarket || sp.GetService<BarRecorder>() is not { } recorder) return market;
            return new CachingMarketData(market, recorder, sp.GetRequiredService<IOptionsMonitor<MarketOptions>>());
        });
        return services;
    }
}
