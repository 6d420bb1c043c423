namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The benchmark: the initial cash split equally between the symbols, each share bought whole (floor) at the symbol's first
/// close without costs and held to the end; equity at each bar time = cash left + Σ shares × last close (a symbol before its
/// first bar holds its share in cash).
/// </summary>
public static class BuyAndHold
{
    /// <summary>The benchmark's equity at every step of <paramref name="data"/>.</summary>
    public static EquityPoint[] Equity(FastBacktestData data, decimal initialCash)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Symbols.Length;
        var budget = initialCash / n;
        var shares = new decimal[n];
        var last = new decimal[n];
        var cash = initialCash;
        var bought = new bool[n];
        var points = new EquityPoint[data.StepCount];
        for (var k = 0; k < data.StepCount; k++)
        {
            for (var e = data.StepStart[k]; e < data.StepStart[k + 1]; e++)
            {
                var s = data.EntrySymbol[e];
                last[s] = data.Close[s][data.EntryBar[e]];
                if (bought[s]) continue;
                bought[s] = true;
                shares[s] = Math.Floor(budget / last[s]);
                cash -= shares[s] * last[s];
            }
            var value = cash;
            for (var s = 0; s < n; s++) value += shares[s] * last[s];
            points[k] = new EquityPoint(data.StepTimes[k], value);
        }
        return points;
    }
}
