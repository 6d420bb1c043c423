using WawaTrader.Core.Analysis;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

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
        // The same limits, analyst settings and model bridge the app would use, bound from the same keys.
        services.AddRisk(configuration).AddTradingOptions(configuration).AddAnalysis(configuration);
        AddEngine(services, configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Registers the engine and the <see cref="BacktestEngine"/> delegate the runner and the verbs call.</summary>
    public static IServiceCollection AddEngine(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // One engine for every run: the live pipeline (Backtester). The optimizer uses the fast path where it applies, which is
        // tested to give the same trades and equity as this engine for sma-cross.
        services.AddBacktesting(configuration);
        services.AddSingleton<BacktestEngine>(sp => (request, progress, ct) => sp.GetRequiredService<Backtester>().RunAsync(request, progress, ct));
        return services;
    }

    /// <summary>
    /// Opens the journal database the app uses (<c>Database:Path</c>, or <paramref name="databasePath"/> when given), bringing its
    /// schema up to date first, for the verbs that read or fill the bar cache (<see cref="IBarCache"/>); dispose it after use.
    /// </summary>
    /// <exception cref="DatabaseInitializationException">The file cannot be opened or migrated, or <paramref name="databasePath"/> names a
    /// SQLite file while <c>Database:Provider</c> is <c>Postgres</c> (the bar cache is then in the PostgreSQL database).</exception>
    public static async Task<ServiceProvider> OpenDatabaseAsync(IConfiguration configuration, string? databasePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(databasePath)
            && configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"] == DatabaseOptions.Postgres)
            throw new DatabaseInitializationException(databasePath,
                $"--database {databasePath} names a SQLite file, but Database:Provider is Postgres: the bar cache is in the PostgreSQL database " +
                $"of ConnectionStrings:{DatabaseOptions.ConnectionStringName}. Leave out --database, or set Database:Provider=Sqlite to use the file.");
        var builder = new ConfigurationBuilder().AddConfiguration(configuration);
        if (!string.IsNullOrWhiteSpace(databasePath))
            builder.AddInMemoryCollection(new Dictionary<string, string?> { [$"{DatabaseOptions.SectionName}:Path"] = databasePath });
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddPersistence(builder.Build())
            .BuildServiceProvider();
        try
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>The risk limits and position size a backtest starts from (parameters may override them).</summary>
    public static (WawaTrader.Core.Risk.RiskOptions Risk, double PositionSizePct) Limits(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var risk = configuration.GetSection(WawaTrader.Core.Risk.RiskOptions.SectionName).Get<WawaTrader.Core.Risk.RiskOptions>() ?? new();
        var trading = configuration.GetSection(WawaTrader.Core.Trading.TradingOptions.SectionName).Get<WawaTrader.Core.Trading.TradingOptions>() ?? new();
        return (risk, trading.PositionSizePct);
    }

    /// <summary>
    /// The settings problems the engine's services would fail on (every options type they validate, and the Backtesting defaults),
    /// worded as at start-up; empty when the configuration is usable.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationProblems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var services = CreateServices(configuration);
        try
        {
            services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            _ = Defaults(configuration);
            _ = Limits(configuration);
            return [];
        }
        catch (Exception ex) when (StartupErrors.Describe(services, ex) is { Count: > 0 } problems)
        {
            return problems;
        }
    }
}
