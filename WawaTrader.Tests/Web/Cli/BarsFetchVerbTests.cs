using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Core.Market;
using WawaTrader.Tests.Core.Market.Alpaca;
using WawaTrader.Tests.Fakes;
using WawaTrader.Web.Cli;

namespace WawaTrader.Tests.Web.Cli;

public sealed class BarsFetchVerbTests
{
    private static readonly string SpyFile = SharedData.MarketFile("SPY-2017-2018-daily.csv");
    private static readonly Bar[] Spy = CsvBarReader.ReadFile(SpyFile);

    [Fact]
    public async Task Fetch_fills_the_cache_and_a_backtest_over_it_gives_the_trades_of_the_same_bars_from_the_file()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        server.PageSize = 200;
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");

        var (code, stdout, stderr) = await RunAsync(server, null, "bars", "fetch", "--symbol", "spy", "--from", "2017-01-01", "--to", "2018-12-31", "--database", database);

        Assert.True(code == 0, stderr);
        Assert.Equal((Spy.Length, 0, 0), Counts(stdout, "SPY"));
        Assert.Contains("2017-01-03 to 2018-12-31", stdout, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        string[] common = ["--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30", "--json"];
        var fromFile = await BacktestVerbTests.RunAsync(["backtest", "--csv", SpyFile, .. common]);
        var fromAlpaca = await BacktestVerbTests.RunAsync(["backtest", "--symbol", "SPY", "--database", database, .. common]);
        Assert.True(fromAlpaca.Code == 0, fromAlpaca.Stderr);
        Assert.Contains("\"trades\":[{", fromAlpaca.Stdout.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(fromFile.Stdout, fromAlpaca.Stdout);
    }

    [Fact]
    public async Task Fetching_again_adds_nothing_and_a_symbol_without_bars_in_the_range_says_so()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");
        string[] args = ["bars", "fetch", "--symbol", "SPY", "--symbol", "MSFT", "--from", "2018-01-01", "--to", "2018-06-30", "--database", database];
        var half = Spy.Count(b => b.Time.Year == 2018 && b.Time.Month <= 6);

        var first = await RunAsync(server, null, args);
        var again = await RunAsync(server, null, args);

        Assert.True(first.Code == 0, first.Stderr);
        Assert.Equal((half, 0, 0), Counts(first.Stdout, "SPY"));
        Assert.Matches(@"(?m)^MSFT\s+0\s+0\s+0\s+\(no bars\)$", first.Stdout);
        Assert.True(again.Code == 0, again.Stderr);
        Assert.Equal((0, 0, half), Counts(again.Stdout, "SPY"));
    }

    [Fact]
    public async Task A_symbol_alpaca_rejects_exits_1_with_its_message_and_nothing_is_written()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");
        server.Enqueue(new AlpacaReply.Raw("{\"bars\":[],\"symbol\":\"SPY\",\"next_page_token\":null}"), new AlpacaReply.Error(422, "invalid symbol: BRK B"));

        var (code, stdout, stderr) = await RunAsync(server, null, "bars", "fetch", "--symbol", "QQQ", "--symbol", "BRK-B", "--from", "2018-01-01", "--database", database);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("BRK-B", stderr, StringComparison.Ordinal);
        Assert.Contains("invalid symbol: BRK B", stderr, StringComparison.Ordinal);
        Assert.Contains("empty", (await BacktestVerbTests.RunAsync("bars", "list", "--database", database)).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_keys_it_exits_1_naming_the_variables_and_touches_no_database()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "bars.db");

        var (code, stdout, stderr) = await RunAsync(server, new() { ["Alpaca:KeyId"] = null, ["Alpaca:SecretKey"] = null },
            "bars", "fetch", "--symbol", "SPY", "--from", "2018-01-01", "--database", database);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("Alpaca__KeyId and Alpaca__SecretKey", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Refused_keys_exit_1_and_neither_key_is_printed()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        using var folder = new TempFolder();
        const string keyId = "PKREFUSED77777";
        const string secret = "refused-secret-cli-31415";

        var (code, stdout, stderr) = await RunAsync(server, new() { ["Alpaca:KeyId"] = keyId, ["Alpaca:SecretKey"] = secret },
            "bars", "fetch", "--symbol", "SPY", "--from", "2018-01-01", "--database", Path.Combine(folder.Path, "bars.db"));

        Assert.Equal(1, code);
        Assert.Contains("refused the API keys (401", stderr, StringComparison.Ordinal);
        foreach (var text in new[] { keyId, secret }) Assert.DoesNotContain(text, stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2018-13-01", "from '2018-13-01' is not a date")]
    [InlineData("--to", "2017-01-01", "must not be before from")]
    [InlineData("--timeframe", "2Days", "'2Days' is not one of")]
    [InlineData("--symbol", "SP Y", "'SP Y' is not a ticker symbol")]
    public async Task Bad_usage_exits_2_naming_the_problem(string option, string value, string message)
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        using var folder = new TempFolder();
        var args = new Dictionary<string, string> { ["--symbol"] = "SPY", ["--from"] = "2018-01-01", [option] = value }
            .SelectMany(p => new[] { p.Key, p.Value });

        var (code, stdout, stderr) = await RunAsync(server, null, ["bars", "fetch", .. args, "--database", Path.Combine(folder.Path, "bars.db")]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Missing_symbol_or_from_exits_2()
    {
        var noSymbol = await BacktestVerbTests.RunAsync("bars", "fetch", "--from", "2018-01-01");
        var noFrom = await BacktestVerbTests.RunAsync("bars", "fetch", "--symbol", "SPY");

        Assert.Equal(2, noSymbol.Code);
        Assert.Contains("--symbol", noSymbol.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noFrom.Code);
        Assert.Contains("--from", noFrom.Stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(FakeAlpacaDataServer server, Dictionary<string, string?>? overrides, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AlpacaHarness.Settings(server, overrides)).Build();
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, configuration, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Added, int Replaced, int Present) Counts(string stdout, string symbol)
    {
        var match = Regex.Match(stdout, $@"(?m)^{symbol}\s+(\d+)\s+(\d+)\s+(\d+)\s");
        Assert.True(match.Success, stdout);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }
}
