using Microsoft.Extensions.Configuration;
using WawaTrader.Web.Backtesting;
using WawaTrader.Web.Cli;

namespace WawaTrader.Tests.Web.Cli;

/// <summary>Every verb's error paths end in one sentence after the verb, in the user's words (no .NET wording leaks).</summary>
public sealed class CliErrorsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wawatrader-cli-").FullName;

    [Theory]
    [InlineData(1, "backtest: {missing}: no such file.", "backtest", "--csv", "{missing}")]
    [InlineData(1, "backtest: {folder} is a folder, not a file.", "backtest", "--csv", "{folder}")]
    [InlineData(2, "backtest: Risk:MaxPositionPct is 500; it must be between 0.1 and 100.", "backtest", "--csv", "{spy}", "--param", "Risk:MaxPositionPct=500")]
    [InlineData(2, "backtest: Unknown strategy 'nope'; known strategies: technical, sma-cross.", "backtest", "--csv", "{spy}", "--strategy", "nope")]
    [InlineData(2, "backtest: Parameter 'fast' of strategy sma-cross must be a whole number of bars from 1 to 100000; '0' is not.", "backtest", "--csv", "{spy}", "--strategy", "sma-cross", "--param", "fast=0")]
    [InlineData(2, "backtest: --cash must be a number; 'lots' is not.", "backtest", "--csv", "{spy}", "--cash", "lots")]
    [InlineData(2, "backtest: --cash must be more than 0.", "backtest", "--csv", "{spy}", "--cash", "-5")]
    [InlineData(2, "backtest: --from must be a date (yyyy-MM-dd); 'notadate' is not.", "backtest", "--csv", "{spy}", "--from", "notadate")]
    [InlineData(2, "backtest: --llm must be off, replay or live; 'sometimes' is not.", "backtest", "--csv", "{spy}", "--llm", "sometimes")]
    [InlineData(2, "backtest: '--bogus' is not an option of backtest; see backtest --help.", "backtest", "--bogus")]
    [InlineData(2, "indicators: --csv is required.", "indicators")]
    [InlineData(1, "indicators: {missing}: no such file.", "indicators", "--csv", "{missing}")]
    [InlineData(2, "optimize: --top must be a whole number; 'abc' is not.", "optimize", "--csv", "{spy}", "--grid", "fast=5,10", "--top", "abc")]
    [InlineData(2, "optimize: Unknown parameter 'nope' for strategy sma-cross; it takes fast, slow, size (Trading:PositionSizePct) and Risk:* limits.", "optimize", "--csv", "{spy}", "--strategy", "sma-cross", "--grid", "nope=1,2")]
    [InlineData(2, "backtest: Unknown parameter 'nope' for strategy sma-cross; it takes fast and slow.", "backtest", "--csv", "{spy}", "--strategy", "sma-cross", "--param", "nope=1")]
    [InlineData(2, "bars: give a command: import, fetch or list.", "bars")]
    [InlineData(2, "bars fetch: --symbol is required.", "bars", "fetch", "--from", "2020-01-01")]
    [InlineData(2, "bars import: No symbol can be read from the file name '.csv' (expected e.g. SPY-2017-2018-daily.csv).", "bars", "import", "--csv", ".csv", "--database", "{db}")]
    public async Task A_verb_error_is_one_sentence_after_the_verb(int exitCode, string line, params string[] args)
    {
        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync([.. args.Select(Fill)]);

        Assert.Equal(exitCode, code);
        Assert.Equal("", stdout);
        Assert.Equal(Fill(line), stderr.TrimEnd('\n'));
    }

    [Fact]
    public void A_bad_setting_the_engine_reads_is_the_start_up_sentence()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Risk:MaxPositionPct"] = "500" }).Build();

        var problems = BacktestHost.ConfigurationProblems(configuration);

        Assert.Equal(["Risk:MaxPositionPct is 500; it must be between 0.1 and 100."], problems);
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_names_the_key_the_value_and_the_type_expected()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Backtesting:InitialCash"] = "lots" }).Build();

        var problems = BacktestHost.ConfigurationProblems(configuration);

        Assert.Equal(["Backtesting:InitialCash is 'lots'; it must be a number."], problems);
    }

    private string Fill(string text) => text
        .Replace("{missing}", Path.Combine(_folder, "missing.csv"), StringComparison.Ordinal)
        .Replace("{folder}", _folder, StringComparison.Ordinal)
        .Replace("{db}", Path.Combine(_folder, "bars.db"), StringComparison.Ordinal)
        .Replace("{spy}", SharedData.MarketFile("SPY-2017-2018-daily.csv"), StringComparison.Ordinal);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
