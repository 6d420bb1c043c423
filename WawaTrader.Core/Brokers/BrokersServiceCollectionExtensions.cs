using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Brokers;

/// <summary>Registers the Brokers capability.</summary>
public static class BrokersServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="PaperOptions"/> (section <c>Paper</c>) and registers the <see cref="IBroker"/> that
    /// <c>Trading:Broker</c> names: <c>Paper</c> (the default), one <see cref="PaperBroker"/> singleton that is also the
    /// <see cref="IMarketBarSink"/>, or <c>Alpaca</c>, the <see cref="AlpacaBroker"/>.
    /// The <see cref="IPaperLedgerStore"/> it needs is registered by Persistence (or by a backtest/test). With <c>Alpaca</c> it
    /// uses <see cref="AlpacaBroker"/> instead (<see cref="AlpacaBrokerServiceCollectionExtensions.AddAlpacaBroker"/>).
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

        services.AddTradingOptions(configuration);
        // Chosen when first resolved, from the bound options (so every configuration source counts, tests' included).
        services.AddSingleton<PaperBroker>();
        services.AddSingleton<IMarketBarSink>(sp => sp.GetRequiredService<PaperBroker>());
        services.AddAlpacaBroker(configuration);
        services.AddSingleton<IBroker>(sp => IsAlpaca(sp.GetRequiredService<IOptions<TradingOptions>>().Value)
            ? sp.GetRequiredService<AlpacaBroker>()
            : sp.GetRequiredService<PaperBroker>());
        return services;
    }

    /// <summary>True when <c>Trading:Broker</c> is <c>Alpaca</c> (any case).</summary>
    public static bool IsAlpaca(TradingOptions options) => string.Equals(options.Broker, "Alpaca", StringComparison.OrdinalIgnoreCase);
}
