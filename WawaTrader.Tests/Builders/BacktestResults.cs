using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Builders;

/// <summary>Hand-made backtest results and runs for tests of the store, the output formats and the pages (no engine).</summary>
public static class BacktestResults
{
    public static readonly DateTime Day0 = new(2017, 1, 3, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Daily equity from 100,000 following <paramref name="dailyReturns"/> (fractions), a benchmark at half the moves,
    /// one buy on day 1 and one sell on the last day of SPY.</summary>
    public static BacktestResult Make(params double[] dailyReturns)
    {
        if (dailyReturns.Length == 0) dailyReturns = [0.01, -0.02, 0.015, 0.005, 0.03];
        var equity = new List<EquityPoint> { new(Day0, 100_000m) };
        var benchmark = new List<EquityPoint> { new(Day0, 100_000m) };
        for (var i = 0; i < dailyReturns.Length; i++)
        {
            var day = Day0.AddDays(i + 1);
            equity.Add(new EquityPoint(day, Math.Round(equity[^1].Value * (decimal)(1 + dailyReturns[i]), 2)));
            benchmark.Add(new EquityPoint(day, Math.Round(benchmark[^1].Value * (decimal)(1 + dailyReturns[i] / 2), 2)));
        }
        var trades = new List<BacktestTrade>
        {
            new("SPY", OrderSide.Buy, 400m, 225.12m, 2m, Day0.AddDays(1)),
            new("SPY", OrderSide.Sell, 400m, 231.5m, 2m, equity[^1].Date),
        };
        return new BacktestResult(Metrics(0.0412, 0.052, 2), Metrics(0.0205, 0.03, 0), equity, benchmark, trades, ["a warning"]);
    }

    /// <summary>Metrics with the given total return, max drawdown and trade count; the rest fixed, distinct values.</summary>
    public static BacktestMetrics Metrics(double totalReturn, double maxDrawdown, int tradeCount) => new(
        TotalReturn: totalReturn, Cagr: 0.21, Volatility: 0.153, Sharpe: 1.37, Sortino: 2.05, MaxDrawdown: maxDrawdown,
        MaxDrawdownDays: 12, Calmar: 4.04, WinRate: tradeCount > 0 ? 1.0 : null, ProfitFactor: null, AverageWin: 2548.0,
        AverageLoss: null, TradeCount: tradeCount, Exposure: 0.8, Turnover: 1.9);

    public static BacktestSettings Settings(params string[] symbols) => new(
        symbols.Length == 0 ? ["SPY"] : symbols,
        symbols.Length == 0 ? ["/data/SPY-2017-2018-daily.csv"] : symbols.Select(s => $"/data/{s}.csv").ToList(),
        "sma-cross",
        new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30" },
        new BacktestCosts(0.005m, 0m, 1m, 1m),
        100_000m,
        LlmBacktestMode.Off,
        false,
        new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        null,
        0);

    public static BacktestRun Completed(Guid? id = null, DateTime? created = null, BacktestResult? result = null) => new(
        id ?? Guid.NewGuid(), created ?? new DateTime(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc), BacktestStatus.Completed, 1.0, Settings(),
        result ?? Make(), null, (created ?? new DateTime(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc)).AddSeconds(3));
}
