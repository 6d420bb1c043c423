using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The fast path's benchmark, by the same rule as the full path's (<see cref="BuyAndHoldBenchmark"/>): the initial cash split
/// equally between the symbols, each bought at its first bar's open (slippage and commission included, whole shares that fit)
/// and held to the end; equity at each bar time = cash left + Σ shares × last close.
/// </summary>
public static class BuyAndHold
{
    /// <summary>The benchmark's equity at every step of <paramref name="data"/> and its buys.</summary>
    public static (EquityPoint[] Equity, List<BacktestTrade> Trades) Run(FastBacktestData data, decimal initialCash, PaperOptions costs)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(costs);
        var n = data.Symbols.Length;
        var budget = initialCash / n;
        var shares = new decimal[n];
        var last = new decimal[n];
        var cash = initialCash;
        var bought = new bool[n];
        var points = new EquityPoint[data.StepCount];
        var trades = new List<BacktestTrade>(n);
        for (var k = 0; k < data.StepCount; k++)
        {
            for (var e = data.StepStart[k]; e < data.StepStart[k + 1]; e++)
            {
                var s = data.EntrySymbol[e];
                var bar = data.EntryBar[e];
                last[s] = data.Close[s][bar];
                if (bought[s]) continue;
                bought[s] = true;
                var (quantity, price, fee) = BuyAndHoldBenchmark.Entry(budget, data.Open[s][bar], costs);
                if (quantity <= 0) continue;
                shares[s] = quantity;
                cash -= quantity * price + fee;
                trades.Add(new BacktestTrade(data.Symbols[s], OrderSide.Buy, quantity, price, fee, data.StepTimes[k]));
            }
            var value = cash;
            for (var s = 0; s < n; s++) value += shares[s] * last[s];
            points[k] = new EquityPoint(data.StepTimes[k], value);
        }
        return (points, trades);
    }
}
