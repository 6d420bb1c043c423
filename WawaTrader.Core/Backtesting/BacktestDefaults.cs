using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The settings a backtest starts from before the request's parameters override them: the agent's risk limits, its position
/// size (percent of equity per buy), the technical analyst's options and the model's options. <see cref="BuiltIn"/> holds the
/// built-in defaults; the app passes its current settings, so a backtest answers "what would this agent have done".
/// </summary>
public sealed record BacktestDefaults(RiskOptions Risk, double PositionSizePct, TechnicalAnalystOptions Analyst, LlmOptions Llm)
{
    /// <summary>The built-in defaults of every option class.</summary>
    public static BacktestDefaults BuiltIn { get; } = new(new RiskOptions(), new TradingOptions().PositionSizePct, new TechnicalAnalystOptions(), new LlmOptions());
}
