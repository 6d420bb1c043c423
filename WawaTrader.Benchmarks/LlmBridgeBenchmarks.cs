using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Benchmarks;

/// <summary>
/// The LLM bridge's own per-call work, the model excluded: rendering the default prompt for one symbol and reading the
/// model's answer (clean JSON, the same in a ```json fence with trailing prose, and a prose answer). Goal: the whole
/// bridge overhead (build + parse + record) under 200 µs per call.
/// Run: <c>dotnet run -c Release --project WawaTrader.Benchmarks -- --filter '*LlmBridgeBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LlmBridgeBenchmarks
{
    private const string CleanJson =
        """{"action":"BUY","confidence":78,"reasoning":"RSI14 at 27.4 is oversold and MACD has crossed above its signal line while SMA20 stays above SMA50; volume confirms."}""";

    private const string FencedJson =
        "Here is my assessment:\n```json\n" + CleanJson + "\n```\nThe technical picture supports a cautious entry; I would keep the position small.";

    private const string Prose =
        "Recommendation: BUY. Confidence: 78%. RSI14 at 27.4 is oversold and MACD has crossed above its signal line while SMA20 stays above SMA50.";

    private readonly RiskOptions _limits = new();
    private AnalysisContext _context = null!;
    private Proposal _technical = null!;

    private ServiceProvider _services = null!;
    private IDecisionJournal _journal = null!;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("wawatrader-bench-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = Path.Combine(_folder, "bench.db") })
            .Build();
        _services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddPersistence(configuration).BuildServiceProvider();
        _services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _journal = _services.GetRequiredService<IDecisionJournal>();

        var snapshot = new IndicatorSnapshot(
            Time: new DateTime(2024, 3, 1, 21, 0, 0, DateTimeKind.Utc), Close: 187.42, PreviousClose: 185.10,
            Sma20: 183.2, Sma50: 180.7, Ema20: 184.05, Rsi14: 27.4, Macd: 0.84, MacdSignal: 0.61, MacdHistogram: 0.23,
            BollingerUpper: 191.3, BollingerMiddle: 183.2, BollingerLower: 175.1, Atr14: 2.9, StdDev20: 4.05,
            Obv: 12_345_678, VolumeRatio20: 1.7);
        _context = new AnalysisContext("AAPL", snapshot, 25, 181.30m);
        _technical = new TechnicalAnalyst(new TechnicalAnalystOptions()).Analyze(_context);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The whole bridge overhead of one call, the model excluded: build the prompt, parse the answer, and record
    /// the decision with its technical view and interaction in the SQLite journal (WAL, one transaction).</summary>
    [Benchmark]
    public async Task BridgeOverhead_BuildParseRecord()
    {
        var id = Guid.CreateVersion7();
        var prompt = PromptBuilder.Build(PromptTemplates.Default, _context, _technical, _limits);
        var parsed = LlmAnswerParser.Parse(FencedJson);
        var s = _context.Indicators;
        var interaction = new LlmInteraction(Guid.CreateVersion7(), id, s.Time, _context.Symbol, s.Time, s.Close, "google/gemma-3-4b",
            "http://localhost:1234/v1", PromptBuilder.Version(PromptTemplates.Default), prompt, FencedJson, parsed.Verdict, parsed.Error,
            850, 412, 61, LlmOutcome.Used);
        var decision = new DecisionRecord(id, s.Time, s.Time, _context.Symbol, TradeAction.Buy, 78, DecisionSource.Llm, false,
            parsed.Verdict!.Reasoning, s, [], null) { Technical = _technical, Interaction = interaction };
        await _journal.RecordDecisionAsync(decision, CancellationToken.None);
    }

    [Benchmark]
    public string BuildPrompt() => PromptBuilder.Build(PromptTemplates.Default, _context, _technical, _limits);

    [Benchmark]
    public string PromptVersion() => PromptBuilder.Version(PromptTemplates.Default);

    [Benchmark]
    public LlmParseResult ParseAnswer_CleanJson() => LlmAnswerParser.Parse(CleanJson);

    [Benchmark]
    public LlmParseResult ParseAnswer_FencedJson() => LlmAnswerParser.Parse(FencedJson);

    [Benchmark]
    public LlmParseResult ParseAnswer_Prose() => LlmAnswerParser.Parse(Prose);
}
