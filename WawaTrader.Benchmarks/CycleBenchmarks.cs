using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Benchmarks;

/// <summary>
/// One whole trading cycle over <see cref="Symbols"/> symbols, as the soak's app runs it: the capabilities composed as
/// Program.cs composes them (market, indicators, analysis, risk, brokers, trading, persistence, alerts, diagnostics) on the
/// embedded defaults — simulated market, paper broker, a real SQLite file in WAL mode in a temp folder, the model enabled but
/// its endpoint refusing connections (so every signal falls back to the technical view) — on a fake clock advanced one bar per
/// cycle. The cycle's own work only: the hosted services (replay, pruning, alerts) are not started and no page listens.
/// The database grows over the run (sustained, not an empty file). Run:
/// <c>dotnet run -c Release --project WawaTrader.Benchmarks -- --filter '*CycleBenchmarks*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class CycleBenchmarks
{
    public const int Symbols = 500;

    private string _folder = null!;
    private ServiceProvider _services = null!;
    private FakeTimeProvider _clock = null!;
    private TradingCycle _cycle = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("wawatrader-cycle-bench-").FullName;
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 14, 0, 0, TimeSpan.Zero));
        _services = Compose(Path.Combine(_folder, "wawatrader.db"), Symbols, _clock);
        _services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _cycle = _services.GetRequiredService<TradingCycle>();
        // The first cycle loads every symbol's history; the next ones are the steady state measured.
        for (var i = 0; i < 3; i++) RunOnce().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One bar later, one cycle: every symbol analysed, judged, recorded and published — the decisions the agent keeps
    /// behind the cycle (<see cref="TradingCycle.RecordsBehind"/>) included, so an invocation holds all the work of one bar.</summary>
    [Benchmark]
    public async Task<CycleResult> RunOnce()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = await _cycle.RunOnceAsync(CancellationToken.None);
        await _cycle.RecordsKeptAsync(CancellationToken.None);
        return result;
    }

    /// <summary>The app's services on its embedded defaults, with a watchlist of <paramref name="symbols"/> tickers and the model's
    /// endpoint a port nobody listens on.</summary>
    internal static ServiceProvider Compose(string databasePath, int symbols, TimeProvider clock)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Path"] = databasePath,
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1", // no model server: every call is refused, the technical view stands
        };
        for (var i = 0; i < symbols; i++) settings[$"Trading:Watchlist:{i}"] = HoldBytesMeasurement.Symbol(i);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddMarket(configuration)
            .AddIndicators()
            .AddAnalysis(configuration)
            .AddRisk(configuration)
            .AddBrokers(configuration)
            .AddTrading(configuration)
            .AddPersistence(configuration)
            .AddAlerts(configuration)
            .AddDiagnostics()
            .BuildServiceProvider();
    }
}
