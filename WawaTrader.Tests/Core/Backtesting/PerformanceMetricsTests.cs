using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class PerformanceMetricsTests
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static EquityPoint[] Daily(params double[] values) =>
        values.Select((v, i) => new EquityPoint(Start.AddDays(i), (decimal)v)).ToArray();

    private static EquityPoint[] RandomCurve(int seed, int count)
    {
        var random = new Random(seed);
        var value = 100_000.0;
        var points = new EquityPoint[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = new EquityPoint(Start.AddDays(i), Math.Round((decimal)value, 2));
            value *= 1 + (random.NextDouble() - 0.48) * 0.03;
        }
        return points;
    }

    private static BacktestMetrics Compute(EquityPoint[] equity, BacktestTrade[]? trades = null, double barsPerYear = 252, double rf = 0) =>
        PerformanceMetrics.Compute(equity, trades ?? [], barsPerYear, rf);

    /// <summary>Independent re-derivation of per-bar returns with LINQ.</summary>
    private static double[] Returns(EquityPoint[] equity) =>
        equity.Zip(equity.Skip(1), (a, b) => (double)b.Value / (double)a.Value - 1).ToArray();

    [Fact]
    public void Hand_worked_curve_gives_total_return_drawdown_and_its_duration()
    {
        // 100 → 110 (peak, day 1) → 99 (−10 %) → 121 (recovered on day 3).
        var m = Compute(Daily(100, 110, 99, 121));

        Assert.Equal(0.21, m.TotalReturn, 12);
        Assert.Equal(0.1, m.MaxDrawdown, 12);
        Assert.Equal(2, m.MaxDrawdownDays);
    }

    [Fact]
    public void Unrecovered_drawdown_lasts_to_the_last_point()
    {
        // Peak 120 on day 1, deepest 90 on day 3 (−25 %), still below the peak on day 5.
        var m = Compute(Daily(100, 120, 100, 90, 110, 115));

        Assert.Equal(0.25, m.MaxDrawdown, 12);
        Assert.Equal(4, m.MaxDrawdownDays);
    }

    [Fact]
    public void Drawdown_matches_a_brute_force_over_all_pairs()
    {
        var equity = RandomCurve(seed: 7, count: 300);
        var values = equity.Select(p => (double)p.Value).ToArray();
        var worst = 0.0;
        for (var j = 0; j < values.Length; j++)
            for (var i = 0; i <= j; i++)
                worst = Math.Max(worst, 1 - values[j] / values[i]);

        Assert.Equal(worst, Compute(equity).MaxDrawdown, 12);
    }

    [Fact]
    public void Cagr_uses_calendar_years_of_365_25_days()
    {
        var equity = new[] { new EquityPoint(Start, 100m), new EquityPoint(Start.AddDays(365.25 * 2), 121m) };

        Assert.Equal(0.1, Compute(equity).Cagr!.Value, 12);
    }

    [Fact]
    public void Volatility_is_the_sample_std_of_simple_returns_annualised_by_root_bars_per_year()
    {
        var equity = RandomCurve(seed: 1, count: 500);
        var r = Returns(equity);
        var mean = r.Average();
        var sampleStd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));

        Assert.Equal(sampleStd * Math.Sqrt(252), Compute(equity).Volatility!.Value, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Sharpe_subtracts_the_per_bar_risk_free_rate_and_annualises(double rfPct)
    {
        var equity = RandomCurve(seed: 2, count: 400);
        var r = Returns(equity);
        var rfPerBar = Math.Pow(1 + rfPct / 100, 1.0 / 252) - 1;
        var excess = r.Select(x => x - rfPerBar).ToArray();
        var mean = excess.Average();
        var std = Math.Sqrt(excess.Select(x => (x - mean) * (x - mean)).Sum() / (excess.Length - 1));

        Assert.Equal(mean / std * Math.Sqrt(252), Compute(equity, rf: rfPct).Sharpe!.Value, 10);
    }

    [Fact]
    public void Sortino_uses_downside_deviation_over_all_bars()
    {
        var equity = RandomCurve(seed: 3, count: 400);
        var r = Returns(equity);
        var rfPerBar = Math.Pow(1.02, 1.0 / 252) - 1;
        var downside = Math.Sqrt(r.Select(x => x < rfPerBar ? (x - rfPerBar) * (x - rfPerBar) : 0).Average());

        Assert.Equal((r.Average() - rfPerBar) / downside * Math.Sqrt(252), Compute(equity, rf: 2).Sortino!.Value, 10);
    }

    [Fact]
    public void Sortino_matches_the_published_red_rock_example()
    {
        // Red Rock Capital, "Sortino Ratio: A Better Measure of Risk": yearly returns 17, 15, 23, −5, 12, 9, 13, −4 %,
        // target 0: mean 10 %, target downside deviation √((5² + 4²)/8) = 2.26 %, Sortino 4.42.
        double[] yearly = [0.17, 0.15, 0.23, -0.05, 0.12, 0.09, 0.13, -0.04];
        var equity = new EquityPoint[yearly.Length + 1];
        var value = 100m;
        equity[0] = new EquityPoint(Start, value);
        for (var i = 0; i < yearly.Length; i++)
        {
            value *= 1 + (decimal)yearly[i];
            equity[i + 1] = new EquityPoint(Start.AddYears(i + 1), value);
        }

        Assert.Equal(4.42, Compute(equity, barsPerYear: 1).Sortino!.Value, 2);
    }

    [Fact]
    public void Constant_return_curve_has_zero_volatility_and_undefined_sharpe_and_sortino()
    {
        var m = Compute(Daily(1, 2, 4, 8, 16));

        Assert.Equal(0, m.Volatility);
        Assert.Null(m.Sharpe);
        Assert.Null(m.Sortino);
        Assert.Null(m.Calmar);
        Assert.Equal(0, m.MaxDrawdown);
    }

    [Fact]
    public void Calmar_is_cagr_over_max_drawdown()
    {
        var equity = RandomCurve(seed: 4, count: 600);
        var m = Compute(equity);

        Assert.Equal(m.Cagr!.Value / m.MaxDrawdown, m.Calmar!.Value, 12);
    }

    [Fact]
    public void Without_trades_trade_figures_are_undefined_and_exposure_is_zero()
    {
        var m = Compute(Daily(100, 101, 102));

        Assert.Equal(0, m.TradeCount);
        Assert.Null(m.WinRate);
        Assert.Null(m.ProfitFactor);
        Assert.Null(m.AverageWin);
        Assert.Null(m.AverageLoss);
        Assert.Equal(0, m.Exposure);
        Assert.Equal(0, m.Turnover);
    }

    [Fact]
    public void Hand_worked_fifo_round_trips_include_fees()
    {
        BacktestTrade[] trades =
        [
            new("X", OrderSide.Buy, 10, 100m, 1m, Start),
            new("X", OrderSide.Buy, 10, 110m, 1m, Start.AddDays(1)),
            new("X", OrderSide.Sell, 15, 120m, 1.5m, Start.AddDays(2)),
            new("X", OrderSide.Sell, 5, 90m, 0.5m, Start.AddDays(3)),
        ];
        // Trips: 10 @100→120 net 200 − 1 − 1 = 198; 5 @110→120 net 50 − 0.5 − 0.5 = 49; 5 @110→90 net −100 − 0.5 − 0.5 = −101.
        var m = Compute(Daily(100, 100, 100, 100, 100), trades);

        Assert.Equal(4, m.TradeCount);
        Assert.Equal(2.0 / 3, m.WinRate!.Value, 12);
        Assert.Equal(247.0 / 101, m.ProfitFactor!.Value, 12);
        Assert.Equal((198.0 / 1000 + 49.0 / 550) / 2, m.AverageWin!.Value, 12);
        Assert.Equal(-101.0 / 550, m.AverageLoss!.Value, 12);
    }

    [Fact]
    public void Profit_factor_is_undefined_without_losing_trips()
    {
        BacktestTrade[] trades = [new("X", OrderSide.Buy, 1, 10m, 0m, Start), new("X", OrderSide.Sell, 1, 12m, 0m, Start.AddDays(1))];
        var m = Compute(Daily(100, 100), trades);

        Assert.Equal(1, m.WinRate);
        Assert.Null(m.ProfitFactor);
        Assert.Null(m.AverageLoss);
    }

    [Fact]
    public void Round_trip_figures_match_a_share_by_share_fifo()
    {
        var random = new Random(11);
        var trades = new List<BacktestTrade>();
        var held = new Dictionary<string, int> { ["A"] = 0, ["B"] = 0 };
        for (var i = 0; i < 200; i++)
        {
            var symbol = random.Next(2) == 0 ? "A" : "B";
            var sell = held[symbol] > 0 && random.Next(2) == 0;
            var qty = sell ? random.Next(1, held[symbol] + 1) : random.Next(1, 20);
            held[symbol] += sell ? -qty : qty;
            trades.Add(new BacktestTrade(symbol, sell ? OrderSide.Sell : OrderSide.Buy, qty,
                Math.Round(50m + (decimal)random.NextDouble() * 10m, 4), Math.Round((decimal)random.NextDouble() * 2m, 2), Start.AddDays(i)));
        }

        // Independent: expand each fill into single shares, pair shares FIFO, then group by (entry fill, exit fill).
        var queues = new Dictionary<string, Queue<(int Fill, double Price, double Fee)>> { ["A"] = new(), ["B"] = new() };
        var pairs = new Dictionary<(int Entry, int Exit), (double Pnl, double Cost)>();
        for (var f = 0; f < trades.Count; f++)
        {
            var t = trades[f];
            var feeEach = (double)t.Fee / (double)t.Qty;
            for (var s = 0; s < (int)t.Qty; s++)
            {
                if (t.Side == OrderSide.Buy) { queues[t.Symbol].Enqueue((f, (double)t.Price, feeEach)); continue; }
                var entry = queues[t.Symbol].Dequeue();
                pairs.TryGetValue((entry.Fill, f), out var acc);
                pairs[(entry.Fill, f)] = (acc.Pnl + (double)t.Price - entry.Price - entry.Fee - feeEach, acc.Cost + entry.Price);
            }
        }
        var trips = pairs.Values.ToArray();
        var winners = trips.Where(p => p.Pnl > 0).ToArray();
        var losers = trips.Where(p => p.Pnl < 0).ToArray();

        var m = Compute(Daily(100, 100), trades.ToArray());

        Assert.Equal((double)winners.Length / trips.Length, m.WinRate!.Value, 12);
        Assert.Equal(winners.Sum(p => p.Pnl) / -losers.Sum(p => p.Pnl), m.ProfitFactor!.Value, 9);
        Assert.Equal(winners.Average(p => p.Pnl / p.Cost), m.AverageWin!.Value, 9);
        Assert.Equal(losers.Average(p => p.Pnl / p.Cost), m.AverageLoss!.Value, 9);
    }

    [Fact]
    public void Exposure_counts_bars_with_an_open_position_after_that_days_fills()
    {
        BacktestTrade[] trades =
        [
            new("X", OrderSide.Buy, 5, 10m, 0m, Start.AddDays(1)),
            new("X", OrderSide.Sell, 5, 11m, 0m, Start.AddDays(3)),
            new("Y", OrderSide.Buy, 1, 10m, 0m, Start.AddDays(4)),
        ];
        // Open at the close of days 1, 2 and 4 of days 0..5 → 4 of 6 bars (day 5 still holds Y).
        var m = Compute(Daily(100, 100, 100, 100, 100, 100), trades);

        Assert.Equal(4.0 / 6, m.Exposure, 12);
    }

    [Fact]
    public void Turnover_is_traded_notional_over_mean_equity()
    {
        BacktestTrade[] trades = [new("X", OrderSide.Buy, 5, 10m, 1m, Start), new("X", OrderSide.Sell, 5, 12m, 1m, Start.AddDays(1))];
        var m = Compute(Daily(100, 300), trades);

        Assert.Equal((50.0 + 60.0) / 200.0, m.Turnover, 12);
    }
}
