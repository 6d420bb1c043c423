using System.Globalization;
using System.Text.RegularExpressions;
using WawaTrader.Tests.Core.Market;

namespace WawaTrader.Tests.Web.Cli;

public sealed class BarsVerbTests
{
    private static readonly string Spy = SharedData.MarketFile("SPY-2017-2018-daily.csv");
    private static readonly int SpyBars = File.ReadAllLines(Spy).Count(l => l.Trim().Length > 0) - 1;

    [Fact]
    public async Task Import_adds_the_files_bars_and_a_second_import_adds_none()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");

        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("bars", "import", "--csv", Spy, "--database", database);
        var (again, stdout2, stderr2) = await BacktestVerbTests.RunAsync("bars", "import", "--csv", Spy, "--database", database);

        Assert.True(code == 0, stderr);
        Assert.Equal((SpyBars, 0, 0), Counts(stdout, "SPY"));
        Assert.Contains("2017-01-03 to 2018-12-31", stdout, StringComparison.Ordinal);
        Assert.True(again == 0, stderr2);
        Assert.Equal((0, 0, SpyBars), Counts(stdout2, "SPY"));
    }

    [Fact]
    public async Task List_prints_each_cached_symbol_with_its_range_and_count()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");
        var qqq = folder.Write("QQQ-test.csv", "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1.5,2,1,1.8,120\n");
        Assert.Equal(0, (await BacktestVerbTests.RunAsync("bars", "import", "--csv", Spy, "--csv", qqq, "--database", database)).Code);

        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("bars", "list", "--database", database);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^QQQ\s+2020-01-02\s+2020-01-03\s+2$", lines[1]);
        Assert.Matches($@"^SPY\s+2017-01-03\s+2018-12-31\s+{SpyBars}$", lines[2]);
    }

    [Fact]
    public async Task List_of_an_empty_cache_says_how_to_fill_it()
    {
        using var folder = new TempFolder();

        var (code, stdout, _) = await BacktestVerbTests.RunAsync("bars", "list", "--database", Path.Combine(folder.Path, "bars.db"));

        Assert.Equal(0, code);
        Assert.Contains("bars import --csv", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_file_exits_1_naming_file_and_line_and_nothing_is_imported()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");
        var bad = folder.Write("BAD-daily.csv", "Date,Open,High,Low,Close,Volume\n2020-01-01,1,2,0.5,1.5,100\n2020-01-02,1,0.5,2,1.5,100\n");

        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("bars", "import", "--csv", Spy, "--csv", bad, "--database", database);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains(bad, stderr, StringComparison.Ordinal);
        Assert.Contains("line 3", stderr, StringComparison.Ordinal);
        Assert.Contains("empty", (await BacktestVerbTests.RunAsync("bars", "list", "--database", database)).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_1_and_no_file_exits_2()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");

        var missing = await BacktestVerbTests.RunAsync("bars", "import", "--csv", Path.Combine(folder.Path, "NOPE.csv"), "--database", database);
        var none = await BacktestVerbTests.RunAsync("bars", "import", "--database", database);

        Assert.Equal(1, missing.Code);
        Assert.Contains("NOPE.csv: no such file", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, none.Code);
        Assert.Contains("--csv", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_over_a_cached_symbol_gives_the_same_result_as_over_its_file()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");
        Assert.Equal(0, (await BacktestVerbTests.RunAsync("bars", "import", "--csv", Spy, "--database", database)).Code);
        string[] common = ["--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30", "--json"];

        var fromFile = await BacktestVerbTests.RunAsync(["backtest", "--csv", Spy, .. common]);
        var fromCache = await BacktestVerbTests.RunAsync(["backtest", "--symbol", "spy", "--database", database, .. common]);

        Assert.True(fromCache.Code == 0, fromCache.Stderr);
        Assert.Equal(0, fromFile.Code);
        Assert.Contains("\"trades\"", fromCache.Stdout, StringComparison.Ordinal);
        Assert.Equal(fromFile.Stdout, fromCache.Stdout);
    }

    [Fact]
    public async Task Optimize_over_a_cached_symbol_gives_the_same_ranking_as_over_its_file()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");
        Assert.Equal(0, (await BacktestVerbTests.RunAsync("bars", "import", "--csv", Spy, "--database", database)).Code);
        string[] common = ["--strategy", "sma-cross", "--grid", "fast=5,10", "--grid", "slow=30,50", "--json"];

        var fromFile = await BacktestVerbTests.RunAsync(["optimize", "--csv", Spy, .. common]);
        var fromCache = await BacktestVerbTests.RunAsync(["optimize", "--symbol", "SPY", "--database", database, .. common]);

        Assert.True(fromCache.Code == 0, fromCache.Stderr);
        Assert.Equal(fromFile.Stdout, fromCache.Stdout);
    }

    [Fact]
    public async Task A_symbol_not_in_the_cache_exits_2_naming_it_and_suggesting_bars_import()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");
        Assert.Equal(0, (await BacktestVerbTests.RunAsync("bars", "import", "--csv", Spy, "--database", database)).Code);

        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("backtest", "--symbol", "SPY", "--symbol", "QQQ", "--database", database);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("QQQ is not in the bar cache", stderr, StringComparison.Ordinal);
        Assert.Contains("bars import", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SPY", stderr, StringComparison.Ordinal);
    }

    private static (int Added, int Replaced, int Present) Counts(string stdout, string symbol)
    {
        var match = Regex.Match(stdout, $@"(?m)^{symbol}\s+(\d+)\s+(\d+)\s+(\d+)\s");
        Assert.True(match.Success, stdout);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("bars", "list")]
    [InlineData("bars", "import", "--csv", "$SPY")]
    [InlineData("backtest", "--symbol", "SPY")]
    public async Task A_database_file_is_refused_when_the_provider_is_postgres_and_nothing_is_created(params string[] verb)
    {
        // A process of its own: the verbs read Database:Provider from the environment, which the other tests share.
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "bars.db");
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__WawaTrader"] = "Host=127.0.0.1;Port=1;Database=never_opened;Username=u;Password=never-shown-9f2",
        };

        var (code, stdout, stderr) = await Api.StartupValidationTests.RunAppAsync(folder.Path, environment,
            [.. verb.Select(a => a == "$SPY" ? Spy : a), "--database", file]);

        Assert.True(code == 1, $"exit {code}: {stdout} {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{string.Join(' ', verb.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)))}: --database {file} names a SQLite file, but Database:Provider is Postgres", line, StringComparison.Ordinal);
        Assert.Contains("Leave out --database", line, StringComparison.Ordinal);
        Assert.DoesNotContain("never-shown-9f2", stdout + stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
