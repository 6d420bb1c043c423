using WawaTrader.Core.Persistence;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Trading;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

public abstract class EfLlmInteractionStoreTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfLlmInteractionStoreTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfLlmInteractionStoreTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Six interactions one minute apart (wall time), oldest first.</summary>
    private static async Task<List<LlmInteraction>> SeedAsync(TempDatabase database)
    {
        DecisionRecord[] decisions =
        [
            Decision("SPY", time: MarketOpen.AddMinutes(0)).WithModel(LlmOutcome.Used, prompt: "SPY prompt, RSI 61"),
            Decision("SPY", time: MarketOpen.AddMinutes(1)).WithModel(LlmOutcome.Vetoed, model: "qwen/qwen3-8b",
                parsed: new LlmVerdict(TradeAction.Hold, 55, "Overbought: 100% of the band")),
            Decision("MSFT", time: MarketOpen.AddMinutes(2)).WithModel(LlmOutcome.FellBack, parsedNull: true, rawResponse: "I think maybe up?"),
            Decision("MSFT", time: MarketOpen.AddMinutes(3)).WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Connection refused"),
            Decision("AAPL", time: MarketOpen.AddMinutes(4)).WithModel(LlmOutcome.Used, model: "qwen/qwen3-8b"),
            Decision("SPY", time: MarketOpen.AddMinutes(5)).WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Timeout after 20 s"),
        ];
        foreach (var d in decisions) await database.Journal.RecordDecisionAsync(d, None);
        return decisions.Select(d => d.Interaction!).ToList();
    }

    private static DateTime Wall(int minute) => MarketOpen.AddMinutes(minute).AddMilliseconds(-1);

    [Fact]
    public async Task Without_filters_all_interactions_come_newest_first()
    {
        await using var database = await CreateMigratedAsync();
        var seeded = await SeedAsync(database);

        var found = await database.LlmStore.QueryAsync(new LlmInteractionQuery(), None);

        Assert.Equal(seeded.AsEnumerable().Reverse(), found);
    }

    public static TheoryData<LlmInteractionQuery, int[]> Filters => new()
    {
        { new LlmInteractionQuery(Symbol: "SPY"), [5, 1, 0] },
        { new LlmInteractionQuery(Model: "qwen/qwen3-8b"), [4, 1] },
        { new LlmInteractionQuery(Outcome: LlmOutcome.Failed), [5, 3] },
        { new LlmInteractionQuery(From: Wall(2), To: Wall(4)), [3, 2] },
        { new LlmInteractionQuery(Symbol: "SPY", Outcome: LlmOutcome.Failed), [5] },
        { new LlmInteractionQuery(Text: "rsi 61"), [0] },                 // prompt, any case
        { new LlmInteractionQuery(Text: "maybe up"), [2] },               // raw response
        { new LlmInteractionQuery(Text: "OVERBOUGHT"), [1] },             // parsed reasoning
        { new LlmInteractionQuery(Text: "timeout"), [5] },                // error
        { new LlmInteractionQuery(Text: "100%"), [1] },                   // % is a literal, not a wildcard
        { new LlmInteractionQuery(Text: "1_0"), [] },                     // _ is a literal, not a wildcard
        { new LlmInteractionQuery(Limit: 2), [5, 4] },
        { new LlmInteractionQuery(Limit: 0), [5] },                       // clamped to 1
        { new LlmInteractionQuery(Symbol: "NVDA"), [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filters_select_the_matching_interactions_newest_first(LlmInteractionQuery query, int[] expected)
    {
        await using var database = await CreateMigratedAsync();
        var seeded = await SeedAsync(database);

        var found = await database.LlmStore.QueryAsync(query, None);

        Assert.Equal(expected.Select(i => seeded[i].Id), found.Select(i => i.Id));
    }

    [Fact]
    public async Task Interactions_since_a_time_come_oldest_first()
    {
        await using var database = await CreateMigratedAsync();
        var seeded = await SeedAsync(database);

        var since = await database.LlmStore.GetSinceAsync(Wall(3), None);

        Assert.Equal(seeded.Skip(3), since);
    }

    [Fact]
    public async Task Closes_after_a_bar_are_one_per_later_bar_of_the_symbol_oldest_first()
    {
        await using var database = await CreateMigratedAsync();
        double[] spy = [100, 101, 99.5, 102];
        for (var i = 0; i < spy.Length; i++)
        {
            var bar = MarketOpen.AddMinutes(i);
            await database.Journal.RecordDecisionAsync(Decision("SPY", barTime: bar).AtClose(spy[i]), None);
            await database.Journal.RecordDecisionAsync(Decision("MSFT", barTime: bar).AtClose(400 + i), None);
        }
        // The same bar decided again (a restart) counts once.
        await database.Journal.RecordDecisionAsync(Decision("SPY", barTime: MarketOpen.AddMinutes(2)).AtClose(99.5), None);

        var closes = await database.LlmStore.GetClosesAfterAsync(
            new Dictionary<string, DateTime> { ["SPY"] = MarketOpen, ["MSFT"] = MarketOpen.AddMinutes(2), ["NVDA"] = MarketOpen }, None);

        Assert.Equal(new BarClose[] { new(MarketOpen.AddMinutes(1), 101), new(MarketOpen.AddMinutes(2), 99.5), new(MarketOpen.AddMinutes(3), 102) }, closes["SPY"]);
        Assert.Equal(new BarClose[] { new(MarketOpen.AddMinutes(3), 403) }, closes["MSFT"]);
        Assert.Empty(closes["NVDA"]);
        Assert.All(closes["SPY"], c => Assert.Equal(DateTimeKind.Utc, c.BarTime.Kind));
    }

    [Fact]
    public async Task Scorecard_from_the_store_scores_an_answer_against_the_recorded_later_bars()
    {
        await using var database = await CreateMigratedAsync();
        double[] closes = [100, 99, 101, 103];
        for (var i = 0; i < closes.Length; i++)
        {
            var decision = Decision("SPY", barTime: MarketOpen.AddMinutes(i)).AtClose(closes[i]);
            await database.Journal.RecordDecisionAsync(i == 0 ? decision.WithModel(parsed: new LlmVerdict(TradeAction.Buy, 80, "up")) : decision, None);
        }

        var three = await database.LlmStore.GetScorecardAsync(null, 3, None);
        var four = await database.LlmStore.GetScorecardAsync(null, 4, None);

        var calibration = Assert.Single(three.Models).Calibration;
        Assert.Equal((1, 0, 1.0), (calibration.Scored, calibration.Pending, calibration.HitRate));
        Assert.Equal(0.04, calibration.BrierScore!.Value, 12);
        Assert.Equal((0, 1), (four.Models[0].Calibration.Scored, four.Models[0].Calibration.Pending));
    }

    /// <summary>A failed call at <paramref name="minute"/>; without its prompt when <paramref name="repeated"/>.</summary>
    private static DecisionRecord Failure(int minute, string error, bool repeated) =>
        Decision("SPY", time: MarketOpen.AddMinutes(minute)).WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: error,
            prompt: repeated ? "" : "SPY prompt");

    [Fact]
    public async Task A_repeated_failure_is_traced_to_the_call_of_its_run_that_kept_the_prompt_of_its_own_agent()
    {
        await using var database = await CreateMigratedAsync();
        var beta = database.AsAgent("beta");
        DecisionRecord[] alpha =
        [
            Failure(0, "Connection refused", repeated: false),  // 0 keeps it
            Failure(1, "Connection refused", repeated: true),   // 1 → 0
            Failure(2, "HTTP 500", repeated: false),            // 2 keeps its own
            Failure(3, "HTTP 500", repeated: true),             // 3 → 2
            Decision("SPY", time: MarketOpen.AddMinutes(4)).WithModel(LlmOutcome.Used),
            Failure(5, "Connection refused", repeated: false),  // 5: a new run after the answer
            Failure(7, "Connection refused", repeated: true),   // 7 → 5, not beta's 6
        ];
        foreach (var d in alpha) await database.Journal.RecordDecisionAsync(d, None);
        var betaKept = Failure(6, "Connection refused", repeated: false);
        await beta.Journal.RecordDecisionAsync(betaKept, None);
        var betaRepeated = Failure(8, "Connection refused", repeated: true);
        await beta.Journal.RecordDecisionAsync(betaRepeated, None);
        Guid Id(int i) => alpha[i].Interaction!.Id;

        var all = await database.Get<EfLlmInteractionStore>().ForAgent(null).GetPromptKeepersAsync(null, null, None);
        var fromMinute3 = await database.LlmStore.GetPromptKeepersAsync(MarketOpen.AddMinutes(3).AddSeconds(-1), null, None);

        Assert.Equal(new Dictionary<Guid, Guid> { [Id(1)] = alpha[0].Id, [Id(3)] = alpha[2].Id, [Id(6)] = alpha[5].Id, [betaRepeated.Interaction!.Id] = betaKept.Id },
            all.ToDictionary());
        // A keeper before the range is found all the same.
        Assert.Equal(new Dictionary<Guid, Guid> { [Id(3)] = alpha[2].Id, [Id(6)] = alpha[5].Id }, fromMinute3.ToDictionary());
    }

    [Fact]
    public async Task A_repeated_failure_whose_first_call_is_gone_is_left_out()
    {
        await using var database = await CreateMigratedAsync();
        await database.Journal.RecordDecisionAsync(Failure(0, "Connection refused", repeated: true), None);

        Assert.Empty(await database.LlmStore.GetPromptKeepersAsync(MarketOpen.AddMinutes(-10), null, None));
    }
}
