using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Backtesting;

public sealed class WalkForwardProgressTests
{
    private static readonly ParameterGrid Grid = ParameterGrid.Parse(["fast=3,5", "slow=20,40"]);

    private static BacktestRequest Request() =>
        new([new BacktestSeries("SPY", CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv")))], "sma-cross",
            new Dictionary<string, string>(), new BacktestCosts(0.005m, 0m, 1m, 2m), 100_000m);

    [Theory]
    [InlineData(502, 120, 60, 6)]
    [InlineData(180, 120, 60, 1)]
    [InlineData(179, 120, 60, 0)]
    [InlineData(502, 1, 60, 0)]
    [InlineData(502, 120, 1, 0)]
    public void Window_count_is_how_many_test_periods_fit_after_the_first_training_period(int steps, int train, int test, int expected) =>
        Assert.Equal(expected, WalkForward.WindowCount(steps, train, test));

    [Fact]
    public void Too_few_bars_for_one_window_is_refused_naming_the_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => WalkForward.Run(Request(), Grid, "sharpe", trainBars: 400, testBars: 200));

        Assert.Contains("502 bars are too few", ex.Message);
        Assert.Contains("400 in-sample + 200 out-of-sample", ex.Message);
    }

    [Fact]
    public void Progress_rises_to_one_and_each_window_end_is_reported()
    {
        var reports = new List<double>();
        var progress = new Recorder(reports);

        var result = WalkForward.Run(Request(), Grid, "sharpe", 120, 60, null, null, 1, progress);

        var windows = result.Windows.Count;
        Assert.Equal(1.0, reports[^1]);
        for (var w = 1; w <= windows; w++) Assert.Contains((double)w / windows, reports);
        Assert.All(reports, r => Assert.InRange(r, 0, 1));
        Assert.Equal(reports.Order(), reports);
    }

    /// <summary>Records synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
