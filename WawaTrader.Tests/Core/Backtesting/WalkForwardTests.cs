using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class WalkForwardTests
{
    private static readonly ParameterGrid Grid = ParameterGrid.Parse(["fast=3,5,10", "slow=20,40"]);

    private static BacktestRequest Request(Bar[] bars) =>
        new([new BacktestSeries("SPY", bars)], "sma-cross",
            new Dictionary<string, string> { ["Risk:MaxPositionPct"] = "50", ["Risk:MaxExposurePct"] = "50", ["Trading:PositionSizePct"] = "40" },
            new BacktestCosts(0.005m, 0m, 1m, 2m), 100_000m);

    private static Bar[] Spy() => CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));

    [Fact]
    public void Test_periods_follow_their_training_period_and_never_overlap()
    {
        var result = WalkForward.Run(Request(Spy()), Grid, "totalReturn", trainBars: 120, testBars: 60);

        Assert.Equal((502 - 120) / 60, result.Windows.Count);
        for (var i = 0; i < result.Windows.Count; i++)
        {
            var w = result.Windows[i];
            Assert.True(w.TrainFrom < w.TrainTo && w.TrainTo < w.TestFrom && w.TestFrom < w.TestTo);
            if (i > 0) Assert.True(result.Windows[i - 1].TestTo < w.TestFrom);
        }
        Assert.Equal(result.Windows.Count * 60, result.OutOfSampleEquity.Count);
    }

    [Fact]
    public void Parameters_are_chosen_from_in_sample_data_only()
    {
        var bars = Spy();
        var baseline = WalkForward.Run(Request(bars), Grid, "totalReturn", trainBars: 120, testBars: 60);
        var first = baseline.Windows[0];
        // Rewrite everything after the first training period: a look-ahead would change the choice or its in-sample figures.
        var random = new Random(5);
        var scrambled = bars.Select(b => b.Time <= first.TrainTo ? b : Scale(b, 0.5 + random.NextDouble())).ToArray();
        var other = WalkForward.Run(Request(scrambled), Grid, "totalReturn", trainBars: 120, testBars: 60);

        Assert.Equal(first.Best.OrderBy(p => p.Key), other.Windows[0].Best.OrderBy(p => p.Key));
        Assert.Equal(first.InSample, other.Windows[0].InSample);
        Assert.NotEqual(first.OutOfSample, other.Windows[0].OutOfSample);
    }

    [Fact]
    public void Out_of_sample_figures_ignore_bars_after_the_test_period()
    {
        var bars = Spy();
        var baseline = WalkForward.Run(Request(bars), Grid, "sharpe", trainBars: 120, testBars: 60);
        var first = baseline.Windows[0];
        var scrambled = bars.Select(b => b.Time <= first.TestTo ? b : Scale(b, 3)).ToArray();
        var other = WalkForward.Run(Request(scrambled), Grid, "sharpe", trainBars: 120, testBars: 60);

        Assert.Equal(first with { Best = other.Windows[0].Best }, other.Windows[0]);
        Assert.Equal(first.Best.OrderBy(p => p.Key), other.Windows[0].Best.OrderBy(p => p.Key));
    }

    private static Bar Scale(Bar b, double f) => b with { Open = b.Open * f, High = b.High * f, Low = b.Low * f, Close = b.Close * f };
}
