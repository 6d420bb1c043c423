using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// Runs one backtest: the engine (<c>Backtester.RunAsync</c>) as the runner sees it, so a test can put a gated stand-in in its
/// place. Progress is reported as a fraction 0–1.
/// </summary>
public delegate Task<BacktestResult> BacktestEngine(BacktestRequest request, IProgress<double>? progress, CancellationToken cancellationToken);
