using BenchmarkDotNet.Attributes;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Benchmarks;

/// <summary>
/// The full backtest path (<see cref="Backtester"/>): the live <see cref="WawaTrader.Core.Trading.TradingCycle"/> with the
/// technical analyst, the risk manager and the paper broker, over <see cref="Symbols"/> symbols × <see cref="BarsPerSymbol"/>
/// daily bars of a seeded random walk, with costs. One operation is one whole backtest, so
/// bar-steps per second = Symbols × BarsPerSymbol ÷ (mean seconds per operation).
/// Run: <c>dotnet run -c Release --project WawaTrader.Benchmarks -- --filter '*BacktestBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn] // the machine is shared: the fastest and the middle run say more than the mean alone
public class BacktestBenchmarks
{
    public const int Symbols = 5;
    public const int BarsPerSymbol = 2_000;

    private readonly Backtester _backtester = new();
    private BacktestRequest _request = null!;
    private BacktestRequest _smaCross = null!;
    private BacktestRequest _realData = null!;

    /// <summary>Bar-steps in one <see cref="FullPath_Technical_RealData"/> run (12,651 with the shared files).</summary>
    public static int RealDataBarSteps { get; private set; }

    /// <summary>The shared market data beside the checkout (<c>../shared/data/market</c>), found from the running binary.</summary>
    private static string SharedMarketFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "market");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/data/market was not found beside the checkout (expected ../shared next to the repository).");
    }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var series = new BacktestSeries[Symbols];
        var start = new DateTime(2010, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        for (var s = 0; s < Symbols; s++)
        {
            var bars = new Bar[BarsPerSymbol];
            var price = 50.0 + 25 * s;
            for (var i = 0; i < BarsPerSymbol; i++)
            {
                var open = price;
                price *= Math.Exp(0.0003 + 0.015 * (random.NextDouble() * 2 - 1));
                var high = Math.Max(open, price) * (1 + 0.004 * random.NextDouble());
                var low = Math.Min(open, price) * (1 - 0.004 * random.NextDouble());
                bars[i] = new Bar(start.AddDays(i), open, high, low, price, 1_000_000 + 500_000 * random.NextDouble());
            }
            series[s] = new BacktestSeries($"S{s}", bars);
        }
        _request = new BacktestRequest(series, "technical", new Dictionary<string, string>(), new BacktestCosts(0.005m, 0m, 1m, 1m), 100_000m);
        var real = new[] { "ORCL-1995-2014-daily.csv", "YHOO-1996-2015-daily.csv", "GOOG-2004-2013-daily.csv", "SPY-2017-2018-daily.csv" }
            .Select(f => new BacktestSeries(f[..f.IndexOf('-')], [.. CsvBarReader.ReadFile(Path.Combine(SharedMarketFolder(), f))])).ToArray();
        RealDataBarSteps = real.Sum(r => r.Bars.Length);
        _realData = _request with { Series = real };
        _smaCross = _request with { Strategy = "sma-cross", Parameters = new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30" } };
    }

    /// <summary>One whole backtest with the live technical analyst: <see cref="Symbols"/> × <see cref="BarsPerSymbol"/> bar-steps.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public Task<BacktestResult> FullPath_Technical() => _backtester.RunAsync(_request, null, CancellationToken.None);

    /// <summary>One whole backtest with the live technical analyst over the real daily histories in <c>../shared/data/market</c>
    /// (ORCL, YHOO, GOOG and SPY on their own calendars: <see cref="RealDataBarSteps"/> bar-steps). Real prices have few
    /// decimals, so the paper broker's decimal arithmetic is cheaper than on the synthetic walk's 15-digit prices.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public Task<BacktestResult> FullPath_Technical_RealData() => _backtester.RunAsync(_realData, null, CancellationToken.None);

    /// <summary>The same backtest with the <c>sma-cross</c> analyst (10/30) through the full path (not the fast path).</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public Task<BacktestResult> FullPath_SmaCross() => _backtester.RunAsync(_smaCross, null, CancellationToken.None);
}
