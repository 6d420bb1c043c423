using WawaTrader.Core.Market;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Cli;

public sealed class BacktestExampleVerbTests
{
    [Fact]
    public async Task Backtest_example_caches_the_simulated_history_in_the_database_and_says_it_is_simulated()
    {
        await using var database = await TempDatabase.CreateMigratedAsync();

        var (code, stdout, stderr) = await BacktestVerbTests.RunAsync("backtest", "--example", "--database", database.DatabasePath);

        Assert.True(code == 0, stderr);
        Assert.Contains("Backtest of technical on SIM-A, SIM-B, SIM-C, 2021-01-04 to 2024-12-31", stdout);
        Assert.Contains("Simulated data: SIM-A, SIM-B, SIM-C invented by the simulated market, not real prices", stdout);
        var cached = await database.BarCache.ListAsync(CancellationToken.None);
        Assert.Equal(ExampleHistory.Symbols, cached.Select(c => c.Symbol));
        Assert.All(cached, c => Assert.Equal(ExampleHistory.Generate(42)[0].Bars.Count, c.Count));
    }
}
