using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Backtesting.Strategies;
using WawaTrader.Tests.Fakes;
using static WawaTrader.Tests.Core.Backtesting.BacktestHarness;

namespace WawaTrader.Tests.Core.Backtesting;

/// <summary>The model in backtests: replay of recorded answers, and the live model behind its knowledge cutoff and cache.</summary>
public sealed class BacktesterLlmTests
{
    private static readonly BacktestSeries Spy = new("SPY", Daily(0, (100, 100), (101, 102), (103, 104), (105, 106), (107, 108)));

    [Theory]
    [InlineData("SELL", 90.0, 0)] // vetoed: the technical Buy becomes a Hold
    [InlineData("BUY", 75.0, 1)]  // confirmed at min(80, 75) = 75, above the 70 minimum
    [InlineData("BUY", 60.0, 0)]  // confirmed at 60: below the minimum, so the risk manager refuses it
    public async Task Replay_combines_the_recorded_answer_for_the_same_symbol_and_bar_as_live(string action, double confidence, int trades)
    {
        var store = new RecordedInteractions(Interaction("SPY", Day0, action, confidence), Interaction("SPY", Day0.AddDays(2), "SELL", 99));
        var result = await Replay(store).RunAsync(Request("scripted", HalfEquity, NoCosts, Spy) with { Llm = LlmBacktestMode.Replay }, null, CancellationToken.None);

        Assert.Equal(trades, result.Trades.Count);
        Assert.Contains(result.Warnings, w => w.StartsWith("Replay: 1 recorded model answers used; 0 bars", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_without_a_recorded_answer_keeps_the_technical_view()
    {
        var store = new RecordedInteractions(Interaction("QQQ", Day0, "SELL", 90), Interaction("SPY", Day0.AddDays(1), "SELL", 90));
        var result = await Replay(store).RunAsync(Request("scripted", HalfEquity, NoCosts, Spy) with { Llm = LlmBacktestMode.Replay }, null, CancellationToken.None);

        Assert.Single(result.Trades);
        Assert.Contains(result.Warnings, w => w.StartsWith("Replay: 0 recorded model answers used; 1 bars", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_live_model_backtest_before_the_knowledge_cutoff_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            new Backtester().RunAsync(Request("technical", new Dictionary<string, string>(), NoCosts, Spy) with { Llm = LlmBacktestMode.Live }, null, CancellationToken.None));

        Assert.Contains("knowledge cutoff 2024-08-01 (Llm:KnowledgeCutoff)", ex.Message);
        Assert.Contains("may simply remember", ex.Message);
    }

    [Fact]
    public async Task A_forced_live_backtest_is_marked_and_a_rerun_asks_the_server_nothing()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = FakeReply.Json("BUY", 80, "Agreed.");
        using var services = Services(server.BaseUrl);
        var backtester = services.GetRequiredService<Backtester>();
        var spy = new BacktestSeries("SPY", BacktesterTests.CsvBarReaderFile("SPY-2017-2018-daily.csv")[..150]);
        var request = new BacktestRequest([spy], "technical", new Dictionary<string, string>(), NoCosts, 100_000m, LlmBacktestMode.Live, ForceLlmBeforeCutoff: true);

        var first = await backtester.RunAsync(request, null, CancellationToken.None);
        var asked = server.Requests.Count;
        var second = await services.GetRequiredService<Backtester>().RunAsync(request, null, CancellationToken.None);

        Assert.True(asked > 0, "the model was never asked");
        Assert.Equal(asked, server.Requests.Count);
        Assert.Contains(first.Warnings, w => w.StartsWith("Forced live-model backtest", StringComparison.Ordinal));
        Assert.Equal(BaselineJson.Serialize(first), BaselineJson.Serialize(second));
    }

    private static Backtester Replay(ILlmInteractionStore store) =>
        new(BacktestDefaults.BuiltIn, StrategyRegistry.Default.With(ScriptedStrategy80()), store);

    /// <summary>Buys on the first bar at confidence 80.</summary>
    private static ScriptedStrategy ScriptedStrategy80() =>
        new(c => c.Indicators.Time == Day0 ? TradeAction.Buy : TradeAction.Hold, confidence: 80);

    private static ServiceProvider Services(string endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = endpoint,
            ["Llm:Model"] = FakeOpenAiServer.ModelId,
            ["Llm:Resilience:MinimumThroughput"] = "1000",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAnalysis(configuration);
        services.AddBacktesting(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static LlmInteraction Interaction(string symbol, DateTime barTime, string action, double confidence) =>
        new(Guid.NewGuid(), Guid.NewGuid(), barTime.AddHours(21), symbol, barTime, 100, "m", "http://localhost/v1", "v1", "prompt",
            "{}", new LlmVerdict(Enum.Parse<TradeAction>(action, ignoreCase: true), confidence, "recorded"), null, 10, null, null, LlmOutcome.Used);

    private sealed class RecordedInteractions(params LlmInteraction[] interactions) : ILlmInteractionStore
    {
        public Task<IReadOnlyList<LlmInteraction>> QueryAsync(LlmInteractionQuery query, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<LlmInteraction>> GetSinceAsync(DateTime? from, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<LlmInteraction>>([.. interactions.Where(i => from is null || i.Time >= from)]);

        public Task<IReadOnlyDictionary<string, IReadOnlyList<BarClose>>> GetClosesAfterAsync(
            IReadOnlyDictionary<string, DateTime> afterBySymbol, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<Guid, Guid>> GetPromptKeepersAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
