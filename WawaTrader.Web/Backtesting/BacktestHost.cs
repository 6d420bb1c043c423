using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// The services the headless verbs (<c>backtest</c>, <c>optimize</c>) run the engine with: configuration from appsettings.json
/// beside the executable and environment variables (the same keys the app reads; values saved on the settings page are not
/// read here), the engine's capabilities, and the Backtesting settings as defaults for costs and cash.
/// </summary>
public static class BacktestHost
{
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>The Backtesting section as bound (defaults where absent).</summary>
    public static BacktestingOptions Defaults(IConfiguration configuration) =>
        configuration.GetSection(BacktestingOptions.SectionName).Get<BacktestingOptions>() ?? new BacktestingOptions();

    /// <summary>A service provider with the engine; dispose it after the run.</summary>
    public static ServiceProvider CreateServices(IConfiguration configuration)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(configuration);
        AddEngine(services, configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Registers the engine and the <see cref="BacktestEngine"/> delegate the runner and the verbs call.</summary>
    public static IServiceCollection AddEngine(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // Wired to Backtester once the engine lands on main.
        services.AddSingleton<BacktestEngine>(_ => (_, _, _) => throw new NotSupportedException("The backtest engine is not available in this build."));
        return services;
    }
}
