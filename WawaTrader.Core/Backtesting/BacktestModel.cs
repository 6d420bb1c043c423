using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Backtesting;

/// <summary>How a backtest uses the language model.</summary>
public enum LlmBacktestMode
{
    /// <summary>Technical analysis only (default).</summary>
    Off,

    /// <summary>Use the model answers recorded in <c>llm_interactions</c> for the same symbol and bar where they exist.</summary>
    Replay,

    /// <summary>Ask the configured server, cached by prompt hash so a re-run costs nothing.</summary>
    Live,
}

/// <summary>One symbol's history for a backtest, oldest first (validated before use).</summary>
public sealed record BacktestSeries(string Symbol, Bar[] Bars);

/// <summary>
/// Costs of a backtest fill. Commission of one fill = max(<see cref="MinCommission"/>, shares × <see cref="CommissionPerShare"/>
/// + notional × <see cref="CommissionPct"/>/100); slippage in basis points against the trader.
/// </summary>
public sealed record BacktestCosts(decimal CommissionPerShare, decimal CommissionPct, decimal MinCommission, decimal SlippageBps)
{
    public static BacktestCosts From(BacktestingOptions o) => new(o.CommissionPerShare, o.CommissionPct, o.MinCommission, (decimal)o.SlippageBps);

    /// <summary>The paper broker's settings for these costs: the one fill model of live trading and backtests.</summary>
    public PaperOptions ToPaperOptions(decimal initialCash) => new()
    {
        InitialCash = initialCash,
        SlippageBps = SlippageBps,
        CommissionPerShare = CommissionPerShare,
        CommissionPct = CommissionPct,
        MinCommission = MinCommission,
    };
}

/// <summary>
/// What to backtest. <see cref="Strategy"/> names a built-in strategy (<c>technical</c>: the live analyst; <c>sma-cross</c>:
/// params <c>fast</c>, <c>slow</c>); <see cref="Parameters"/> are strategy and risk parameters as text (e.g. <c>fast=10</c>,
/// <c>Risk:MaxPositionPct=20</c>). <see cref="From"/>/<see cref="To"/> limit the bars (market time, inclusive).
/// <see cref="RiskFreeRatePct"/> is a yearly percent.
/// </summary>
public sealed record BacktestRequest(
    IReadOnlyList<BacktestSeries> Series,
    string Strategy,
    IReadOnlyDictionary<string, string> Parameters,
    BacktestCosts Costs,
    decimal InitialCash,
    LlmBacktestMode Llm = LlmBacktestMode.Off,
    bool ForceLlmBeforeCutoff = false,
    DateTime? From = null,
    DateTime? To = null,
    double RiskFreeRatePct = 0);

/// <summary>A fill in a backtest: shares, price per share after slippage, fee (commission) and the bar's market time.</summary>
public sealed record BacktestTrade(string Symbol, OrderSide Side, decimal Qty, decimal Price, decimal Fee, DateTime Date);

/// <summary>Portfolio value at the close of a bar (market time).</summary>
public readonly record struct EquityPoint(DateTime Date, decimal Value);

/// <summary>
/// Standard performance figures, fractions not percent. Volatility and Sharpe from simple per-bar returns of the equity
/// curve, sample standard deviation, annualised by √(bars per year) (252 for daily bars); Sortino uses the downside deviation;
/// <see cref="MaxDrawdown"/> is a positive fraction and <see cref="MaxDrawdownDays"/> its duration in calendar days (peak to
/// recovery, or to the end when not recovered); Calmar = CAGR / max drawdown; win rate and profit factor over closed round
/// trips; <see cref="Exposure"/> the share of bars with a position; <see cref="Turnover"/> traded notional / mean equity.
/// A figure that is undefined (no trades, zero volatility) is null.
/// </summary>
public sealed record BacktestMetrics(
    double TotalReturn,
    double? Cagr,
    double? Volatility,
    double? Sharpe,
    double? Sortino,
    double MaxDrawdown,
    int MaxDrawdownDays,
    double? Calmar,
    double? WinRate,
    double? ProfitFactor,
    double? AverageWin,
    double? AverageLoss,
    int TradeCount,
    double Exposure,
    double Turnover);

/// <summary>The outcome of one backtest: the strategy's metrics and buy-and-hold of the same symbols as the benchmark.</summary>
public sealed record BacktestResult(
    BacktestMetrics Metrics,
    BacktestMetrics Benchmark,
    IReadOnlyList<EquityPoint> Equity,
    IReadOnlyList<EquityPoint> BenchmarkEquity,
    IReadOnlyList<BacktestTrade> Trades,
    IReadOnlyList<string> Warnings);
