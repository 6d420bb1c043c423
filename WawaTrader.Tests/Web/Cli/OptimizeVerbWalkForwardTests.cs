using System.Text.Json;

namespace WawaTrader.Tests.Web.Cli;

public sealed class OptimizeVerbWalkForwardTests
{
    private static string Spy => SharedData.MarketFile("SPY-2017-2018-daily.csv");

    private static string[] Args(params string[] extra) =>
        ["optimize", "--csv", Spy, "--strategy", "sma-cross", "--grid", "fast=5,10,20", "--grid", "slow=30,50", .. extra];

    [Fact]
    public async Task Json_has_one_window_per_test_period_with_best_parameters_and_both_metric_sets()
    {
        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync(Args("--rank", "totalReturn", "--walk-forward", "--train-bars", "120", "--test-bars", "60", "--json"));

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("totalReturn", json.GetProperty("rank").GetString());
        Assert.Equal(120, json.GetProperty("trainBars").GetInt32());
        var windows = json.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal((502 - 120) / 60, windows.Count);
        string? previousTestTo = null;
        foreach (var w in windows)
        {
            Assert.Equal(["trainFrom", "trainTo", "testFrom", "testTo", "best", "inSample", "outOfSample"], w.EnumerateObject().Select(p => p.Name));
            var (trainTo, testFrom, testTo) = (w.GetProperty("trainTo").GetString()!, w.GetProperty("testFrom").GetString()!, w.GetProperty("testTo").GetString()!);
            Assert.True(string.CompareOrdinal(trainTo, testFrom) < 0 && string.CompareOrdinal(testFrom, testTo) < 0);
            if (previousTestTo is not null) Assert.True(string.CompareOrdinal(previousTestTo, testFrom) < 0);
            previousTestTo = testTo;
            Assert.Contains(w.GetProperty("best").GetProperty("fast").GetString(), new[] { "5", "10", "20" });
            Assert.Contains(w.GetProperty("best").GetProperty("slow").GetString(), new[] { "30", "50" });
            Assert.Equal(JsonValueKind.Number, w.GetProperty("inSample").GetProperty("totalReturn").ValueKind);
            Assert.Equal(JsonValueKind.Number, w.GetProperty("outOfSample").GetProperty("totalReturn").ValueKind);
        }
        Assert.Equal(windows.Count * 60, json.GetProperty("outOfSampleEquity").GetArrayLength());
        Assert.Equal(windows[0].GetProperty("testFrom").GetString(), json.GetProperty("outOfSampleEquity")[0].GetProperty("date").GetString());
        Assert.True(json.GetProperty("outOfSample").TryGetProperty("sharpe", out _));
    }

    [Fact]
    public async Task A_windows_best_set_is_the_top_of_a_plain_optimisation_over_its_in_sample_dates()
    {
        var (_, walkOut, walkErr) = await BacktestVerbTests.RunAsync(Args("--rank", "totalReturn", "--walk-forward", "--train-bars", "120", "--test-bars", "60", "--json"));
        var window = JsonDocument.Parse(walkOut).RootElement.GetProperty("windows")[2];

        var (code, plainOut, plainErr) = await BacktestVerbTests.RunAsync(Args("--rank", "totalReturn", "--json",
            "--from", window.GetProperty("trainFrom").GetString()!, "--to", window.GetProperty("trainTo").GetString()!));

        Assert.True(code == 0, plainErr + walkErr);
        var top = JsonDocument.Parse(plainOut).RootElement.GetProperty("runs")[0];
        Assert.Equal(top.GetProperty("parameters").GetProperty("fast").GetString(), window.GetProperty("best").GetProperty("fast").GetString());
        Assert.Equal(top.GetProperty("parameters").GetProperty("slow").GetString(), window.GetProperty("best").GetProperty("slow").GetString());
        Assert.Equal(top.GetProperty("metrics").GetProperty("totalReturn").GetDouble(), window.GetProperty("inSample").GetProperty("totalReturn").GetDouble(), 12);
    }

    [Fact]
    public async Task Text_lists_each_window_with_in_sample_and_out_of_sample_metric_then_the_chained_figures()
    {
        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync(Args("--walk-forward", "--train-bars", "200", "--test-bars", "100"));

        Assert.True(code == 0, stderr);
        Assert.Contains("3 windows of 200 in-sample + 100 out-of-sample bars, 6 parameter sets, ranked by sharpe", stdout);
        Assert.Matches(@"in-sample\s+out-of-sample", stdout);
        var rows = stdout.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d\s+\d{4}-\d{2}-\d{2}")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("  1  2017-01-03", rows[0]);
        Assert.Matches(@"fast=\d+ slow=\d+", rows[0]);
        Assert.Contains("Out of sample, chained", stdout);
        Assert.Matches(@"Total return\s+-?\d+\.\d{2}%", stdout);
        Assert.Matches(@"Sharpe\s+", stdout);
    }

    [Theory]
    [InlineData("--test-bars", "--walk-forward", "--train-bars", "120")]
    [InlineData("only apply with --walk-forward", "--train-bars", "120", "--test-bars", "60")]
    [InlineData("--train-bars", "--walk-forward", "--train-bars", "abc", "--test-bars", "60")]
    [InlineData("--train-bars", "--walk-forward", "--train-bars", "1", "--test-bars", "60")]
    [InlineData("too few", "--walk-forward", "--train-bars", "400", "--test-bars", "200")]
    public async Task Bad_walk_forward_usage_exits_2_saying_why(string expected, params string[] extra)
    {
        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync(Args(extra));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task Walk_forward_of_a_strategy_without_a_fast_path_exits_2()
    {
        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("optimize", "--csv", Spy, "--strategy", "technical", "--grid", "Risk:MaxPositionPct=5,10",
            "--walk-forward", "--train-bars", "120", "--test-bars", "60");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("fast path", stderr);
    }
}
