using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Builders;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class FastBacktesterTests
{
    private static readonly BacktestCosts Costs = new(0.005m, 0m, 1m, 5m);

    private static BacktestRequest Request(BacktestSeries[] series, params (string Key, string Value)[] parameters)
    {
        var map = new Dictionary<string, string>();
        foreach (var (key, value) in parameters) map[key] = value; // later entries override
        return new(series, "sma-cross", map, Costs, 100_000m);
    }

    private static readonly (string, string)[] Loose =
        [("fast", "2"), ("slow", "3"), ("Trading:PositionSizePct", "10"), ("Risk:MaxPositionPct", "100"), ("Risk:MaxExposurePct", "100")];

    [Fact]
    public void Hand_worked_cross_fills_at_next_open_with_slippage_commission_and_floor_sizing()
    {
        // SMA(2) crosses above SMA(3) at the close of bar 4 (10.5 > 10.33 after 9.5 ≤ 9.67); bar 5 opens at 12.
        // Below again at bar 6 (10 < 10.67); bar 7 opens at 8.
        var bars = Bars.FromCloses(10, 10, 10, 9, 12, 12, 8, 8);
        var result = FastBacktester.Run(Request([new("X", bars)], Loose));

        Assert.Collection(result.Trades,
            // floor(100,000 × 10 % / 12) = 833 shares at 12 × 1.0005 = 12.006; 833 × 0.005 = 4.165 → 4.17 (away from zero).
            t => Assert.Equal(new BacktestTrade("X", OrderSide.Buy, 833m, 12.006m, 4.17m, bars[5].Time), t),
            t => Assert.Equal(new BacktestTrade("X", OrderSide.Sell, 833m, 7.996m, 4.17m, bars[7].Time), t));
        Assert.Equal(100_000m - 833m * 12.006m - 4.17m + 833m * 7.996m - 4.17m, result.Equity[^1].Value);
    }

    [Fact]
    public void Exposure_cap_blocks_the_second_symbols_buy()
    {
        // Each buy is 10 % of equity: the first symbol's takes exposure to 10 %, the second's would take it to 20 % > 15 %.
        var bars = Bars.FromCloses(10, 10, 10, 9, 12, 12, 8, 8);
        var result = FastBacktester.Run(Request([new("A", bars), new("B", bars)], [.. Loose, ("Risk:MaxPositionPct", "15"), ("Risk:MaxExposurePct", "15")]));

        Assert.NotEmpty(result.Trades);
        Assert.All(result.Trades, t => Assert.Equal("A", t.Symbol));
    }

    [Fact]
    public void A_position_cap_above_the_exposure_cap_is_refused_as_the_full_engine_refuses_it()
    {
        var bars = Bars.FromCloses(10, 10, 10, 9, 12, 12, 8, 8);

        var error = Assert.Throws<ArgumentException>(() => FastBacktester.Run(Request([new("X", bars)], [.. Loose, ("Risk:MaxExposurePct", "5")])));

        Assert.Contains("Risk:MaxPositionPct (100) must not exceed Risk:MaxExposurePct (5)", error.Message);
    }

    [Theory]
    [InlineData("nope", "Unknown parameter 'nope' for strategy sma-cross")]
    [InlineData("Risk:MaxLeverage", "Unknown parameter 'Risk:MaxLeverage'")]
    [InlineData("Trading:Watchlist", "Unknown parameter 'Trading:Watchlist'")]
    public void An_unknown_key_is_refused_naming_it(string key, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => FastBacktestSettings.From(new Dictionary<string, string> { [key] = "1" }));

        Assert.Contains(message, error.Message);
        Assert.Equal(key, error.ParamName);
    }

    [Fact]
    public void Size_is_the_position_size_and_may_not_be_given_twice()
    {
        Assert.Equal(20, FastBacktestSettings.From(new Dictionary<string, string> { ["size"] = "20" }).PositionSizePct);
        Assert.Equal(5, FastBacktestSettings.From(new Dictionary<string, string>()).PositionSizePct);

        var error = Assert.Throws<ArgumentException>(() => FastBacktestSettings.From(new Dictionary<string, string> { ["size"] = "20", ["Trading:PositionSizePct"] = "10" }));
        Assert.Contains("same position size", error.Message);
    }

    [Fact]
    public void Position_cap_blocks_the_buy()
    {
        var bars = Bars.FromCloses(10, 10, 10, 9, 12, 12, 8, 8);
        var result = FastBacktester.Run(Request([new("X", bars)], [.. Loose, ("Risk:MaxPositionPct", "9.99")]));

        Assert.Empty(result.Trades);
    }

    [Fact]
    public void Trades_per_day_limit_lets_only_the_first_symbol_buy_on_the_same_day()
    {
        var bars = Bars.FromCloses(10, 10, 10, 9, 12, 12, 12, 12);
        var result = FastBacktester.Run(Request([new("A", bars), new("B", bars)], [.. Loose, ("Risk:MaxTradesPerDay", "1")]));

        var trade = Assert.Single(result.Trades);
        Assert.Equal("A", trade.Symbol);
    }

    [Fact]
    public void Minimum_commission_applies_to_small_fills()
    {
        var bars = Bars.FromCloses(10, 10, 10, 9, 12, 12, 12, 12);
        var result = FastBacktester.Run(Request([new("X", bars)], [.. Loose, ("Trading:PositionSizePct", "0.1")]));

        // floor(100 / 12) = 8 shares; 8 × 0.005 = 0.04 < minimum 1.
        Assert.Equal(1m, Assert.Single(result.Trades).Fee);
    }

    [Fact]
    public void Trades_do_not_depend_on_later_bars()
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        var cut = 300;
        var full = FastBacktester.Run(Request([new("SPY", bars)], ("fast", "5"), ("slow", "20")));
        var altered = bars.Select((b, i) => i <= cut ? b : b with { Open = b.Open * 0.5, Close = b.Close * 2 }).ToArray();
        var other = FastBacktester.Run(Request([new("SPY", altered)], ("fast", "5"), ("slow", "20")));

        var before = full.Trades.Where(t => t.Date <= bars[cut].Time).ToArray();
        Assert.NotEmpty(before);
        Assert.Equal(before, other.Trades.Where(t => t.Date <= bars[cut].Time));
        Assert.NotEqual(full.Trades, other.Trades);
    }

    [Fact]
    public void Worker_double_equity_agrees_with_the_exact_decimal_equity()
    {
        var bars = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
        var data = new FastBacktestData([new BacktestSeries("SPY", bars)]);
        var worker = new FastBacktester(data, Costs, 100_000m);
        worker.Run(FastBacktestSettings.From(new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" }), exactEquity: true);

        Assert.NotEmpty(worker.Trades);
        for (var k = 0; k < data.StepCount; k++) Assert.Equal((double)worker.ExactEquity![k], worker.Equity[k], 6);
    }

    [Theory]
    [InlineData("0.005", "1")]
    [InlineData("0.005", "0")]
    [InlineData("0.01", "1")]
    [InlineData("0.0035", "0.35")]
    [InlineData("0.001", "1.005")]
    [InlineData("0.00", "1")]
    public void Integer_per_share_commission_equals_the_paper_broker_formula_in_value_and_scale(string perShare, string minimum)
    {
        var costs = new BacktestCosts(decimal.Parse(perShare, System.Globalization.CultureInfo.InvariantCulture), 0m,
            decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture), 0m);
        var model = new FastBacktester.PerShareCommission(costs);
        var told = 0;
        for (var qty = 1; qty <= 5000; qty++)
        {
            if (!model.TryCommission(qty, out var fast)) continue;
            told++;
            var reference = PaperPricing.Commission(costs.CommissionPerShare, costs.CommissionPct, costs.MinCommission, qty, 123.4567m);
            Assert.Equal(reference, fast);
            Assert.Equal(reference.ToString(System.Globalization.CultureInfo.InvariantCulture), fast.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.True(told > 4900, $"told {told}");
    }

    [Fact]
    public void Integer_commission_leaves_percentage_models_to_the_decimal_formula()
    {
        Assert.False(new FastBacktester.PerShareCommission(new BacktestCosts(0.005m, 0.1m, 1m, 0m)).TryCommission(100, out _));
    }

    [Fact]
    public void Crossing_masks_mark_the_same_bars_as_the_scalar_rule()
    {
        var random = new Random(11);
        var n = 1000;
        var fast = new double[n];
        var slow = new double[n];
        for (var i = 0; i < n; i++)
        {
            fast[i] = i < 7 ? double.NaN : Math.Round(random.NextDouble() * 4); // ties and NaN warm-up included
            slow[i] = i < 13 ? double.NaN : Math.Round(random.NextDouble() * 4);
        }
        var words = (n + 63) / 64;
        var buy = new ulong[words];
        var sell = new ulong[words];
        FastBacktester.CrossingMasks(fast, slow, buy, sell);

        var crossings = 0;
        for (var b = 0; b < n; b++)
        {
            var expectBuy = b > 0 && fast[b] > slow[b] && fast[b - 1] <= slow[b - 1];
            var expectSell = b > 0 && fast[b] < slow[b] && fast[b - 1] >= slow[b - 1];
            Assert.Equal(expectBuy, ((buy[b >> 6] >> (b & 63)) & 1) != 0);
            Assert.Equal(expectSell, ((sell[b >> 6] >> (b & 63)) & 1) != 0);
            if (expectBuy || expectSell) crossings++;
        }
        Assert.True(crossings > 100);
    }

    [Fact]
    public void Rejects_strategies_without_a_fast_path()
    {
        Assert.False(FastBacktester.Supports("technical"));
        Assert.False(FastBacktester.Supports("sma-cross", LlmBacktestMode.Replay));
        Assert.Throws<NotSupportedException>(() => FastBacktester.Run(Request([new("X", Bars.Flat(10, 5))]) with { Strategy = "technical" }));
    }
}
