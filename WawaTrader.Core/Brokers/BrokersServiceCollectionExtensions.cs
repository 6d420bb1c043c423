using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Brokers;

/// <summary>Registers the Brokers capability.</summary>
public static class BrokersServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="PaperOptions"/> (section <c>Paper</c>) and, when <c>Trading:Broker</c> is <c>Paper</c> (the default),
    /// registers one <see cref="PaperBroker"/> singleton that is also the <see cref="IBroker"/> and the <see cref="IMarketBarSink"/>.
    /// The <see cref="IPaperLedgerStore"/> it needs is registered by Persistence (or by a backtest/test). With <c>Alpaca</c> it
    /// registers <see cref="AlpacaBroker"/> instead (<see cref="AlpacaBrokerServiceCollectionExtensions.AddAlpacaBroker"/>).
    /// </summary>
    public static IServiceCollection AddBrokers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PaperOptions>()
            .Bind(configuration.GetSection(PaperOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        var broker = configuration[$"{TradingOptions.SectionName}:{nameof(TradingOptions.Broker)}"];
        if (string.IsNullOrEmpty(broker) || string.Equals(broker, "Paper", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<PaperBroker>();
            services.AddSingleton<IBroker>(sp => sp.GetRequiredService<PaperBroker>());
            services.AddSingleton<IMarketBarSink>(sp => sp.GetRequiredService<PaperBroker>());
        }
        else if (string.Equals(broker, "Alpaca", StringComparison.OrdinalIgnoreCase))
        {
            services.AddAlpacaBroker(configuration);
        }
        return services;
    }
}
