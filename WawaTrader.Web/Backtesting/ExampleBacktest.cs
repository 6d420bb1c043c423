using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// "Run an example backtest": writes the bundled simulated history (<see cref="ExampleHistory"/>, seeded by <c>Simulation:Seed</c>) to
/// the bar cache when it is not there yet, then queues the <see cref="Strategy"/> strategy on its symbols with the Backtesting
/// defaults. Works offline on a fresh install; each series' source names it as simulated (<c>simulated:SIM-A (seed 42)</c>).
/// </summary>
public sealed class ExampleBacktest(
    BacktestRunner runner, IBarCache cache, Backtester engine, IOptionsMonitor<BacktestingOptions> backtesting, IOptionsMonitor<SimulationOptions> simulation)
{
    /// <summary>The strategy the example runs: the live technical analyst.</summary>
    public const string Strategy = BacktestOrder.DefaultStrategy;

    /// <summary>The source of an example series, as the run's settings keep it.</summary>
    public static string Source(string symbol, int seed) => $"simulated:{symbol} (seed {seed})";

    /// <summary>True when a run's bars are (partly) simulated: one of its symbols is an example symbol.</summary>
    public static bool IsSimulated(BacktestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Symbols.Any(ExampleHistory.IsSimulated);
    }

    /// <summary>Caches the example history (if needed) and queues the run; returns it with what was written to the cache.</summary>
    /// <exception cref="InvalidOperationException">The current settings refuse the example (names each problem).</exception>
    public async Task<(BacktestRun Run, ExampleHistoryWrite Bars)> StartAsync(CancellationToken cancellationToken)
    {
        var seed = simulation.CurrentValue.Seed;
        var written = await ExampleHistory.EnsureCachedAsync(cache, seed, cancellationToken);
        var order = new BacktestOrder(Symbols: ExampleHistory.Symbols, Strategy: Strategy);
        var (request, _, errors) = await order.BuildCheckedAsync(backtesting.CurrentValue, cache, engine, cancellationToken);
        if (request is null)
            throw new InvalidOperationException("The example backtest cannot run with the current settings: " + string.Join(" ", errors.SelectMany(e => e.Value)));
        var run = await runner.EnqueueAsync(request, [.. request.Series.Select(s => Source(s.Symbol, seed))], cancellationToken);
        return (run, written);
    }
}
