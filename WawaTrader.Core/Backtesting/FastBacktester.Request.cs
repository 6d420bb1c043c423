using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Backtesting;

public sealed partial class FastBacktester
{
    /// <summary>
    /// Runs <paramref name="request"/> on the fast path and returns the full result: trades, decimal equity at every bar time,
    /// metrics, and buy-and-hold of the same symbols (<see cref="BuyAndHold"/>) as the benchmark.
    /// </summary>
    /// <param name="risk">The risk limits that <c>Risk:*</c> parameters override (defaults of <see cref="RiskOptions"/> when null).</param>
    /// <param name="positionSizePct">Size of a new buy in percent of equity, unless <c>Trading:PositionSizePct</c> is given.</param>
    /// <exception cref="NotSupportedException">The strategy or model mode is not one the fast path runs.</exception>
    public static BacktestResult Run(BacktestRequest request, RiskOptions? risk = null, double? positionSizePct = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Supports(request.Strategy, request.Llm))
            throw new NotSupportedException($"The fast path runs only '{SmaCross}' with the model off (was '{request.Strategy}', {request.Llm}).");
        var data = new FastBacktestData(request.Series, request.From, request.To);
        var settings = FastBacktestSettings.From(request.Parameters, risk, positionSizePct);
        var worker = new FastBacktester(data, request.Costs, request.InitialCash);
        worker.Run(settings, recordTrades: true, exactEquity: true);
        var equity = new EquityPoint[data.StepCount];
        for (var k = 0; k < equity.Length; k++) equity[k] = new EquityPoint(data.StepTimes[k], worker.ExactEquity![k]);
        var trades = worker.Trades.ToArray();
        var barsPerYear = BarsPerYear(data);
        var (benchmarkEquity, benchmarkTrades) = BuyAndHold.Run(data, request.InitialCash, request.Costs.ToPaperOptions(request.InitialCash));
        return new BacktestResult(
            PerformanceMetrics.Compute(equity, trades, barsPerYear, request.RiskFreeRatePct),
            PerformanceMetrics.Compute(benchmarkEquity, benchmarkTrades, barsPerYear, request.RiskFreeRatePct),
            equity, benchmarkEquity, trades, []);
    }

    /// <summary>Annualisation factor, the same rule as the full path (<see cref="Backtester.BarsPerYear"/>).</summary>
    public static double BarsPerYear(FastBacktestData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Backtester.BarsPerYear(data.StepTimes);
    }
}
