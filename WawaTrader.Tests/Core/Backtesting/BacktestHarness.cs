using WawaTrader.Core.Analysis;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>Builders for backtest tests: daily bars from (open, close) pairs, requests, and a scripted strategy.</summary>
internal static class BacktestHarness
{
    /// <summary>The first daily bar's time (a Tuesday, 00:00 UTC as in the shared daily files).</summary>
    public static readonly DateTime Day0 = new(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Risk and sizing that let one buy take half the equity (the default limits would refuse it).</summary>
    public static readonly Dictionary<string, string> HalfEquity = new()
    {
        ["Risk:MaxPositionPct"] = "60",
        ["Risk:MaxExposurePct"] = "100",
        ["Trading:PositionSizePct"] = "50",
    };

    public static readonly BacktestCosts NoCosts = new(0m, 0m, 0m, 0m);

    /// <summary>Daily bars, one day apart from <see cref="Day0"/> plus <paramref name="firstDay"/>; high/low span open and close.</summary>
    public static Bar[] Daily(int firstDay, params (double Open, double Close)[] prices) =>
        prices.Select((p, i) => new Bar(Day0.AddDays(firstDay + i), p.Open, Math.Max(p.Open, p.Close), Math.Min(p.Open, p.Close), p.Close, 1_000_000)).ToArray();

    public static BacktestRequest Request(string strategy, IReadOnlyDictionary<string, string> parameters, BacktestCosts costs, params BacktestSeries[] series) =>
        new(series, strategy, parameters, costs, 100_000m);

    /// <summary>A backtester that also knows <paramref name="strategy"/>.</summary>
    public static Backtester With(IBacktestStrategy strategy) => new(BacktestDefaults.BuiltIn, StrategyRegistry.Default.With(strategy));
}

/// <summary>
/// <c>scripted</c>: proposes what <see cref="Script"/> says for a symbol at a bar (confidence 100 for Buy/Sell); Hold otherwise.
/// Sees only the <see cref="AnalysisContext"/>, like any analyst.
/// </summary>
internal sealed class ScriptedStrategy(Func<AnalysisContext, TradeAction> script, string name = "scripted", double confidence = 100) : IBacktestStrategy
{
    public Func<AnalysisContext, TradeAction> Script { get; } = script;

    public List<(string Symbol, DateTime Time)> Seen { get; } = [];

    public string Name => name;

    public string Description => "test script";

    public IReadOnlyList<StrategyParameter> Parameters => [];

    public IAnalyst Create(StrategyContext context) => new Analyst(this, confidence);

    /// <summary>Buy on the bars at <paramref name="buys"/>, sell on those at <paramref name="sells"/> (any symbol).</summary>
    public static ScriptedStrategy On(DateTime[] buys, DateTime[] sells, string name = "scripted") =>
        new(c => buys.Contains(c.Indicators.Time) ? TradeAction.Buy : sells.Contains(c.Indicators.Time) ? TradeAction.Sell : TradeAction.Hold, name);

    private sealed class Analyst(ScriptedStrategy owner, double confidence) : IAnalyst
    {
        public Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
        {
            lock (owner.Seen) owner.Seen.Add((context.Symbol, context.Indicators.Time));
            var action = owner.Script(context);
            return Task.FromResult(new Proposal(context.Symbol, action, action == TradeAction.Hold ? 0 : confidence, $"script: {action}", DecisionSource.Technical));
        }
    }
}
