using System.Runtime.CompilerServices;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Backtesting;
using static WawaTrader.Tests.Core.Backtesting.BacktestHarness;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>
/// Fixed backtests of SPY 2017–2018 (daily) whose whole results — metrics, benchmark, equity curves, trades, warnings — must
/// match the stored JSON exactly. A difference means the pipeline (indicators, analyst, sizing, risk, fills, metrics)
/// changed behaviour. If the change is intended, regenerate and review the diff:
/// <code>WAWATRADER_UPDATE_BASELINES=1 dotnet test WawaTrader.Tests --filter "FullyQualifiedName~BacktesterBaselineTests"</code>
/// The variable makes the test write <c>Baselines/*.json</c> in the source tree (and still fail, so a run with it set is never
/// mistaken for a pass); nothing rewrites a baseline otherwise.
/// </summary>
public sealed class BacktesterBaselineTests
{
    private const string UpdateVariable = "WAWATRADER_UPDATE_BASELINES";

    /// <summary>Costs with every part in play: half a cent a share, 0.01% of notional, a 1.00 minimum, 2 bps slippage.</summary>
    private static readonly BacktestCosts Costs = new(0.005m, 0.01m, 1m, 2m);

    public static TheoryData<string> Cases => ["technical", "sma-cross-10-30", "scripted"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_fixed_backtest_matches_its_stored_baseline(string name)
    {
        var spy = new BacktestSeries("SPY", BacktesterTests.CsvBarReaderFile("SPY-2017-2018-daily.csv"));
        var (backtester, request) = Case(name, spy);

        var actual = BaselineJson.Serialize(await backtester.RunAsync(request, null, CancellationToken.None));

        var path = BaselinePath(name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, actual + "\n");
            Assert.Fail($"{UpdateVariable}=1: wrote {path}; review the diff, then run again without the variable.");
        }
        Assert.True(File.Exists(path), $"No baseline at {path}; create it with {UpdateVariable}=1.");
        var expected = (await File.ReadAllTextAsync(path)).TrimEnd('\n').ReplaceLineEndings("\n");
        Assert.Equal(expected, actual.ReplaceLineEndings("\n"));
    }

    private static (Backtester Backtester, BacktestRequest Request) Case(string name, BacktestSeries spy)
    {
        var sized = new Dictionary<string, string>
        {
            ["Risk:MaxPositionPct"] = "95",
            ["Risk:MaxExposurePct"] = "95",
            ["Trading:PositionSizePct"] = "90",
        };
        switch (name)
        {
            case "technical":
                return (new Backtester(), new BacktestRequest([spy], "technical", new Dictionary<string, string>(), Costs, 100_000m));
            case "sma-cross-10-30":
                return (new Backtester(), new BacktestRequest([spy], "sma-cross", new Dictionary<string, string>(sized) { ["fast"] = "10", ["slow"] = "30" }, Costs, 100_000m, RiskFreeRatePct: 2));
            default:
            {
                // Buy on the first bar of each quarter, sell on the first bar after the 15th of its second month.
                var script = new ScriptedStrategy(c =>
                {
                    var t = c.Indicators.Time;
                    var firstOfQuarter = t.Month % 3 == 1 && t.Day <= 4 && c.PositionQuantity == 0;
                    var midQuarter = t.Month % 3 == 2 && t.Day >= 15 && c.PositionQuantity > 0;
                    return firstOfQuarter ? TradeAction.Buy : midQuarter ? TradeAction.Sell : TradeAction.Hold;
                });
                return (With(script), new BacktestRequest([spy], "scripted", sized, Costs, 50_000m));
            }
        }
    }

    private static string BaselinePath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Baselines", $"spy-2017-2018-{name}.json");
}
