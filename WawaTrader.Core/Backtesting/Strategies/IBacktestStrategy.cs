using WawaTrader.Core.Analysis;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Backtesting.Strategies;

/// <summary>
/// What a strategy is built from for one run: its own parameters (the request's keys without a <c>Risk:</c> or <c>Trading:</c>
/// prefix, as text), the analyst options in force, and the run's market (which never serves a bar before its step).
/// </summary>
public sealed record StrategyContext(IReadOnlyDictionary<string, string> Parameters, TechnicalAnalystOptions Analyst, IMarketData Market);

/// <summary>A parameter a strategy accepts, with its default, for forms and grids.</summary>
public sealed record StrategyParameter(string Name, string Description, string Default);

/// <summary>A named strategy a backtest can run: it builds a fresh <see cref="IAnalyst"/> per run (an analyst may keep state).</summary>
public interface IBacktestStrategy
{
    /// <summary>The name used in requests and on the command line (<c>technical</c>, <c>sma-cross</c>), compared ignoring case.</summary>
    string Name { get; }

    string Description { get; }

    IReadOnlyList<StrategyParameter> Parameters { get; }

    /// <summary>A new analyst for one run. Throws <see cref="ArgumentException"/> naming an unknown or bad parameter.</summary>
    IAnalyst Create(StrategyContext context);
}
