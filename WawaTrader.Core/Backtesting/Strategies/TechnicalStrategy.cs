using WawaTrader.Core.Analysis;

namespace WawaTrader.Core.Backtesting.Strategies;

/// <summary>
/// <c>technical</c>: the live <see cref="TechnicalAnalyst"/>. Its parameters are the <see cref="TechnicalAnalystOptions"/>
/// (e.g. <c>RsiOversold=25</c> or <c>Analyst:RsiOversold=25</c>) over the options in force.
/// </summary>
public sealed class TechnicalStrategy : IBacktestStrategy
{
    public const string StrategyName = "technical";

    public string Name => StrategyName;

    public string Description => "The live rule-based analyst (RSI, MACD, Bollinger, SMA trend, EMA; ATR stop-loss).";

    public IReadOnlyList<StrategyParameter> Parameters { get; } = BacktestParameters.Describe(new TechnicalAnalystOptions());

    public IAnalyst Create(StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TechnicalAnalyst(Options(context));
    }

    /// <summary>The analyst options of a run: those in force with the strategy parameters applied and validated.</summary>
    public static TechnicalAnalystOptions Options(StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BacktestParameters.Apply(context.Analyst, context.Parameters, TechnicalAnalystOptions.SectionName, new TechnicalAnalystOptionsValidator());
    }
}
