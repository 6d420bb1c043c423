using System.Text.Json;
using System.Text.Json.Nodes;
using WawaTrader.Tests.Builders;
using WawaTrader.Web.Backtesting;
using WawaTrader.Web.Cli;

namespace WawaTrader.Tests.Web.Cli;

public sealed class BacktestVerbTests
{
    [Fact]
    public void Json_has_metrics_benchmark_equity_and_trades_with_the_listed_keys_and_fractions()
    {
        var result = BacktestResults.Make(0.01, -0.02, 0.03);

        var json = JsonDocument.Parse(BacktestJson.ToJson(result).ToJsonString()).RootElement;

        Assert.Equal(["metrics", "benchmark", "equity", "benchmarkEquity", "trades", "warnings"], json.EnumerateObject().Select(p => p.Name));
        string[] required = ["totalReturn", "cagr", "volatility", "sharpe", "sortino", "maxDrawdown", "maxDrawdownDays", "calmar", "winRate", "profitFactor", "tradeCount", "exposure"];
        var metricKeys = json.GetProperty("metrics").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(required, k => Assert.Contains(k, metricKeys));
        Assert.Equal(result.Metrics.TotalReturn, json.GetProperty("metrics").GetProperty("totalReturn").GetDouble());
        Assert.Equal(result.Metrics.MaxDrawdown, json.GetProperty("metrics").GetProperty("maxDrawdown").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("metrics").GetProperty("profitFactor").ValueKind);
        Assert.Equal(result.Benchmark.TotalReturn, json.GetProperty("benchmark").GetProperty("totalReturn").GetDouble());
        var equity = json.GetProperty("equity");
        Assert.Equal(result.Equity.Count, equity.GetArrayLength());
        Assert.Equal(["date", "value"], equity[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal("2017-01-04", equity[1].GetProperty("date").GetString());
        Assert.Equal(result.Equity[1].Value, equity[1].GetProperty("value").GetDecimal());
        var trade = json.GetProperty("trades")[1];
        Assert.Equal(["symbol", "side", "qty", "price", "fee", "date"], trade.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Sell", trade.GetProperty("side").GetString());
        Assert.Equal(231.5m, trade.GetProperty("price").GetDecimal());
    }

    [Fact]
    public void Intraday_results_write_utc_times()
    {
        var result = BacktestResults.Make(0.01);
        result = result with { Equity = [.. result.Equity.Select(p => p with { Date = p.Date.AddHours(14.5) })] };

        var json = BacktestJson.ToJson(result);

        Assert.Equal("2017-01-03T14:30:00Z", json["equity"]![0]!["date"]!.GetValue<string>());
    }

    [Fact]
    public void Non_finite_metrics_are_null_in_json_and_a_dash_in_the_summary()
    {
        var result = BacktestResults.Make(0.01);
        result = result with { Metrics = result.Metrics with { Sharpe = double.NaN, Sortino = double.PositiveInfinity } };

        var json = BacktestJson.ToJson(result);
        var summary = BacktestSummary.Format(BacktestResults.Settings(), result);

        Assert.Null(json["metrics"]!["sharpe"]);
        Assert.Null(json["metrics"]!["sortino"]);
        Assert.Matches(@"Sharpe\s+—\s+1\.37", summary);
    }

    [Fact]
    public void Summary_shows_percents_for_fractions_and_both_columns()
    {
        var result = BacktestResults.Make(0.01, 0.02);

        var summary = BacktestSummary.Format(BacktestResults.Settings(), result);

        Assert.Contains("Backtest of sma-cross (fast=10, slow=30) on SPY, 2017-01-03 to 2017-01-05 (3 bars)", summary);
        Assert.Matches(@"Total return\s+4\.12%\s+2\.05%", summary);
        Assert.Matches(@"Max drawdown\s+5\.20%\s+3\.00%", summary);
        Assert.Matches(@"Trades\s+2\s+0", summary);
        Assert.Contains($"Final equity ${result.Equity[^1].Value:N2}", summary);
        Assert.Contains("Warning: a warning", summary);
    }

    [Fact]
    public async Task Help_lists_the_sizing_and_risk_keys_with_the_settings_values_and_a_run_states_them()
    {
        var (_, help, _) = await RunAsync("backtest", "--help");
        var (code, summary, stderr) = await RunAsync("backtest", "--csv", SharedData.MarketFile("SPY-2017-2018-daily.csv"), "--param", "size=20", "--param", "Risk:MaxPositionPct=25");

        Assert.Contains("Trading:PositionSizePct (or size; default 5)", help.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
        Assert.True(code == 0, stderr);
        Assert.Contains("Position size 20% of equity · max position 25% · max exposure 30%", summary);
    }

    [Theory]
    [InlineData("SPY-2017-2018-daily.csv", "SPY")]
    [InlineData("/data/qqq.csv", "QQQ")]
    [InlineData("brk.b-2020.csv", "BRK")]
    public void Symbol_is_the_file_name_up_to_the_first_dash_or_dot(string path, string symbol) =>
        Assert.Equal(symbol, BacktestInputs.SymbolOf(path));

    [Fact]
    public async Task Malformed_file_exits_1_naming_the_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-cli-bt-").FullName;
        try
        {
            var path = Path.Combine(folder, "BAD-daily.csv");
            await File.WriteAllTextAsync(path, "Date,Open,High,Low,Close,Volume\n2020-01-01,1,2,0.5,1.5,100\n2020-01-02,1,2,0.5,abc,100\n");

            var (code, stdout, stderr) = await RunAsync("backtest", "--csv", path, "--json");

            Assert.Equal(1, code);
            Assert.Equal("", stdout);
            Assert.Contains(path, stderr);
            Assert.Contains("line 3", stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--llm", "sometimes")]
    [InlineData("--cash", "lots")]
    [InlineData("--param", "fast")]
    [InlineData("--cash", "-5")]
    public async Task Bad_option_exits_2(string option, string value)
    {
        var (code, stdout, stderr) = await RunAsync("backtest", "--csv", SharedData.MarketFile("SPY-2017-2018-daily.csv"), option, value);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.NotEqual("", stderr);
    }

    [Fact]
    public async Task Missing_csv_exits_2()
    {
        var (code, _, stderr) = await RunAsync("backtest", "--strategy", "sma-cross");

        Assert.Equal(2, code);
        Assert.Contains("--csv", stderr);
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

public sealed class BacktestVerbEngineTests
{
    [Fact]
    public async Task Json_of_a_real_sma_cross_run_on_spy_has_the_listed_keys_and_fractions()
    {
        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("backtest", "--csv", SharedData.MarketFile("SPY-2017-2018-daily.csv"),
            "--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30", "--cash", "100000", "--json");

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        foreach (var key in new[] { "metrics", "benchmark", "equity", "trades" }) Assert.True(json.TryGetProperty(key, out _), key);
        var metrics = json.GetProperty("metrics");
        Assert.Equal(BacktestJson.MetricKeys, metrics.EnumerateObject().Select(p => p.Name));
        // SPY 2017-2018: buy-and-hold ends within ±50% (a fraction, not percent); drawdown is a positive fraction below 1.
        var benchmarkReturn = json.GetProperty("benchmark").GetProperty("totalReturn").GetDouble();
        Assert.InRange(benchmarkReturn, -0.5, 0.5);
        Assert.InRange(metrics.GetProperty("maxDrawdown").GetDouble(), 0, 1);
        Assert.InRange(metrics.GetProperty("exposure").GetDouble(), 0, 1);
        var equity = json.GetProperty("equity");
        Assert.Equal(File.ReadAllLines(SharedData.MarketFile("SPY-2017-2018-daily.csv")).Length - 1, equity.GetArrayLength());
        Assert.Equal("2017-01-03", equity[0].GetProperty("date").GetString());
        var trades = json.GetProperty("trades");
        Assert.True(trades.GetArrayLength() > 0);
        Assert.True(metrics.GetProperty("tradeCount").GetInt32() > 0);
        Assert.All(trades.EnumerateArray(), t =>
        {
            Assert.Equal("SPY", t.GetProperty("symbol").GetString());
            Assert.Contains(t.GetProperty("side").GetString(), new[] { "Buy", "Sell" });
        });
    }

    [Fact]
    public async Task Optimize_prints_the_grid_ranked_by_the_metric()
    {
        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("optimize", "--csv", SharedData.MarketFile("SPY-2017-2018-daily.csv"),
            "--strategy", "sma-cross", "--grid", "fast=5,10", "--grid", "slow=20,40,60", "--rank", "totalReturn", "--json");

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        var runs = json.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(6, runs.Count);
        var returns = runs.Select(r => r.GetProperty("metrics").GetProperty("totalReturn").GetDouble()).ToList();
        Assert.Equal(returns.OrderByDescending(x => x), returns);
        Assert.Equal(6, runs.Select(r => r.GetProperty("parameters").GetProperty("fast").GetString() + "/" + r.GetProperty("parameters").GetProperty("slow").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Optimize_with_an_unknown_rank_metric_exits_2()
    {
        var (code, _, stderr) = await BacktestVerbTests.RunAsync("optimize", "--csv", SharedData.MarketFile("SPY-2017-2018-daily.csv"), "--grid", "fast=5,10", "--rank", "luck");

        Assert.Equal(2, code);
        Assert.Contains("--rank", stderr);
    }
}
