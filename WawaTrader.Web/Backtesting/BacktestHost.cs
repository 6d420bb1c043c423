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
        // Until the full engine (Backtester) is on main: the fast path for the strategies it runs (sma-cross, model off).
        services.AddSingleton<BacktestEngine>(_ => (request, progress, ct) => Task.Run(() =>
        {
            ct.ThrowIfCancellationRequested();
            if (!FastBacktester.Supports(request.Strategy, request.Llm))
                throw new NotSupportedException($"Strategy '{request.Strategy}' with --llm {request.Llm.ToString().ToLowerInvariant()} needs the full engine, which is not in this build; '{FastBacktester.SmaCross}' runs.");
            var (risk, sizePct) = Limits(configuration);
            var result = FastBacktester.Run(request, risk, sizePct);
            progress?.Report(1);
            return result;
        }, ct));
        return services;
    }

    /// <summary>The risk limits and position size a backtest starts from (parameters may override them).</summary>
    public static (WawaTrader.Core.Risk.RiskOptions Risk, double PositionSizePct) Limits(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var risk = configuration.GetSection(WawaTrader.Core.Risk.RiskOptions.SectionName).Get<WawaTrader.Core.Risk.RiskOptions>() ?? new();
        var trading = configuration.GetSection(WawaTrader.Core.Trading.TradingOptions.SectionName).Get<WawaTrader.Core.Trading.TradingOptions>() ?? new();
        return (risk, trading.PositionSizePct);
    }
}
