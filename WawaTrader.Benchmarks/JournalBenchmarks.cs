using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;
using Market = WawaTrader.Core.Market;

namespace WawaTrader.Benchmarks;

/// <summary>
/// Journal throughput: decisions, each with its five risk checks and a model interaction (a prompt of about 1.5 KB), written
/// into a real SQLite file in WAL mode through the app's journal (<see cref="IDecisionJournal"/> of AddPersistence: the fallback
/// journal's group commit over EF Core). <see cref="Batched"/> gives a cycle's worth of decisions at once, as the cycle queues
/// its Holds, and waits for all; <see cref="OneAtATime"/> waits for each before giving the next (the latency of a lone decision,
/// as for one with an order). Times are per decision: decisions per second = 1e9 ÷ the mean in ns. The file grows over the run
/// (sustained, not an empty table). Run:
/// <c>dotnet run -c Release --project WawaTrader.Benchmarks -- --filter '*JournalBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private const int CycleDecisions = 500;
    private const int Lone = 50;

    private string _folder = null!;
    private ServiceProvider _services = null!;
    private IDecisionJournal _journal = null!;
    private DecisionRecord _template = null!;
    private DateTime _barTime = new(2026, 3, 16, 14, 0, 0, DateTimeKind.Utc);

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("wawatrader-journal-bench-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(_folder, "wawatrader.db"),
        }).Build();
        _services = new ServiceCollection().AddLogging().AddPersistence(configuration).BuildServiceProvider();
        _services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult(); // WAL on
        _journal = _services.GetRequiredService<IDecisionJournal>();
        _template = Template();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A cycle's 500 decisions given at once; the writer groups them into transactions.</summary>
    [Benchmark(OperationsPerInvoke = CycleDecisions)]
    public async Task Batched()
    {
        var writes = new Task[CycleDecisions];
        for (var i = 0; i < writes.Length; i++) writes[i] = _journal.RecordDecisionAsync(Next(i), CancellationToken.None);
        await Task.WhenAll(writes);
    }

    /// <summary>Decisions written one at a time, each awaited: one transaction each.</summary>
    [Benchmark(OperationsPerInvoke = Lone)]
    public async Task OneAtATime()
    {
        for (var i = 0; i < Lone; i++) await _journal.RecordDecisionAsync(Next(i), CancellationToken.None);
    }

    private DecisionRecord Next(int symbol)
    {
        var id = Guid.CreateVersion7();
        _barTime = _barTime.AddTicks(1);
        return _template with
        {
            Id = id,
            Symbol = HoldBytesMeasurement.Symbol(symbol),
            BarTime = _barTime,
            Time = _barTime,
            Interaction = _template.Interaction! with { Id = Guid.CreateVersion7(), DecisionId = id },
        };
    }

    /// <summary>A decision as the live agent records one: indicators after 300 bars, the five rules' checks with their reasons, the
    /// technical view and a failed model call with its prompt.</summary>
    internal static DecisionRecord Template()
    {
        var state = new IndicatorState();
        var series = new SyntheticSeries(300);
        var start = new DateTime(2026, 1, 2, 14, 30, 0, DateTimeKind.Utc);
        for (var i = 0; i < series.Close.Length; i++)
            state.Add(new Market.Bar(start.AddMinutes(i), series.Open[i], series.High[i], series.Low[i], series.Close[i], series.Volume[i]));
        var snapshot = state.ToSnapshot();
        var technical = new TechnicalAnalyst(new TechnicalAnalystOptions()).Analyze(new AnalysisContext("AAA", snapshot, 0m, 0m));
        RiskCheck[] checks =
        [
            new(RiskRules.PositionSize, true, 4.75, 10, "Position in AAA would be 4.75% of equity, within the 10% limit"),
            new(RiskRules.DailyLoss, true, 0.01, 2, "Day loss 0.01% is within the 2% limit"),
            new(RiskRules.Exposure, true, 21.5, 30, "Exposure would be 21.5% of equity, within the 30% limit"),
            new(RiskRules.TradesPerDay, true, 4, 10, "Order would be trade 4 of at most 10 today"),
            new(RiskRules.Confidence, false, 62.5, 70, "Confidence 62.5 is below the minimum 70"),
        ];
        var prompt = string.Concat(Enumerable.Repeat("Symbol AAA, close 101.25, RSI14 55.2, MACD 0.12 vs signal 0.08; ", 24));
        var interaction = new LlmInteraction(Guid.Empty, Guid.Empty, start, "AAA", snapshot.Time, snapshot.Close, "local-model",
            "http://localhost:1234/v1", "v1", prompt, null, null, "Connection refused (localhost:1234)", 2.5, null, null, LlmOutcome.Failed);
        return new DecisionRecord(Guid.Empty, start, snapshot.Time, "AAA", TradeAction.Buy, 62.5, DecisionSource.Fallback, false,
            $"Model unavailable (Connection refused); technical view: {technical.Reasoning}", snapshot, checks, null)
        {
            Technical = technical,
            Interaction = interaction,
        };
    }
}
