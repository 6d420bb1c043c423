using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The paged, filtered decision query and the streamed ranges, against a real SQLite file.</summary>
public abstract class EfDecisionJournalQueryTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfDecisionJournalQueryTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfDecisionJournalQueryTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<TempDatabase> WithAsync(params DecisionRecord[] decisions)
    {
        var db = await CreateMigratedAsync();
        foreach (var d in decisions) await db.Journal.RecordDecisionAsync(d, None);
        return db;
    }

    private static DecisionRecord At(int minute, string symbol = "SPY", TradeAction action = TradeAction.Hold, bool approved = false,
        DecisionSource source = DecisionSource.Technical, string? reasoning = null) =>
        Decision(symbol, time: MarketOpen.AddMinutes(minute)) with
        {
            Action = action, Approved = approved, Source = source, Reasoning = reasoning ?? $"Reason {minute}",
        };

    private static async Task<string[]> ReasonsAsync(TempDatabase db, DecisionQuery query) =>
        [.. (await db.Journal.QueryDecisionsAsync(query, None)).Items.Select(d => d.Reasoning)];

    [Fact]
    public async Task Pages_newest_first_with_the_total_count()
    {
        await using var db = await WithAsync([.. Enumerable.Range(0, 7).Select(i => At(i))]);

        var second = await db.Journal.QueryDecisionsAsync(new DecisionQuery(Page: 1, PageSize: 3), None);
        var last = await db.Journal.QueryDecisionsAsync(new DecisionQuery(Page: 2, PageSize: 3), None);

        Assert.Equal(7, second.TotalCount);
        Assert.Equal(["Reason 3", "Reason 2", "Reason 1"], second.Items.Select(d => d.Reasoning));
        Assert.Equal(["Reason 0"], last.Items.Select(d => d.Reasoning));
    }

    [Fact]
    public async Task Filters_by_symbol_action_approval_and_source_and_counts_only_the_matches()
    {
        await using var db = await WithAsync(
            At(0, "SPY", TradeAction.Buy, approved: true, DecisionSource.Llm),
            At(1, "AAPL", TradeAction.Buy, approved: false, DecisionSource.Technical),
            At(2, "SPY", TradeAction.Sell, approved: false, DecisionSource.Fallback),
            At(3, "SPY", TradeAction.Hold));

        Assert.Equal(["Reason 3", "Reason 2", "Reason 0"], await ReasonsAsync(db, new DecisionQuery(Symbol: " spy ")));
        Assert.Equal(["Reason 1", "Reason 0"], await ReasonsAsync(db, new DecisionQuery(Action: TradeAction.Buy)));
        Assert.Equal(["Reason 0"], await ReasonsAsync(db, new DecisionQuery(Approved: true)));
        Assert.Equal(["Reason 2"], await ReasonsAsync(db, new DecisionQuery(Source: DecisionSource.Fallback)));
        var combined = await db.Journal.QueryDecisionsAsync(new DecisionQuery(Symbol: "SPY", Approved: false), None);
        Assert.Equal(2, combined.TotalCount);
        Assert.Equal(["Reason 3", "Reason 2"], combined.Items.Select(d => d.Reasoning));
    }

    [Fact]
    public async Task Time_range_includes_from_and_excludes_to()
    {
        await using var db = await WithAsync(At(0), At(1), At(2), At(3));

        var query = new DecisionQuery(From: MarketOpen.AddMinutes(1), To: MarketOpen.AddMinutes(3));

        Assert.Equal(["Reason 2", "Reason 1"], await ReasonsAsync(db, query));
    }

    [Fact]
    public async Task Text_search_is_a_case_insensitive_substring_of_the_reasoning_with_wildcards_taken_literally()
    {
        await using var db = await WithAsync(
            At(0, reasoning: "RSI 28 oversold"),
            At(1, reasoning: "Exposure at 100% of limit"),
            At(2, reasoning: "Exposure at 1000 of limit"),
            At(3, reasoning: "snake_case and more"));

        Assert.Equal(["RSI 28 oversold"], await ReasonsAsync(db, new DecisionQuery(Text: "OVERSOLD")));
        Assert.Equal(["Exposure at 100% of limit"], await ReasonsAsync(db, new DecisionQuery(Text: "100%")));
        Assert.Equal(["snake_case and more"], await ReasonsAsync(db, new DecisionQuery(Text: "e_c")));
    }

    [Fact]
    public async Task A_page_carries_the_order_fills_and_model_interaction()
    {
        var fill = new Fill(MarketOpen.AddMinutes(1), 17m, 512.5m, 0.85m);
        var withOrder = Decision("SPY", withOrder: true, status: OrderStatus.Filled, fills: [fill]).WithModel();
        await using var db = await WithAsync(withOrder);

        var item = Assert.Single((await db.Journal.QueryDecisionsAsync(new DecisionQuery(), None)).Items);

        Assert.Equal([fill], item.Order!.Fills);
        Assert.Equal(withOrder.Interaction!.Id, item.Interaction!.Id);
        Assert.Equal(withOrder.Technical, item.Technical);
    }

    [Fact]
    public async Task Streams_decisions_and_snapshots_of_a_range_oldest_first()
    {
        await using var db = await WithAsync(At(2), At(0), At(1), At(3));
        for (var i = 0; i < 4; i++)
            await db.Journal.RecordSnapshotAsync(new PerformanceSnapshot(MarketOpen.AddMinutes(i), MarketOpen, 1000m, 1000m + i, 0m, 0m), None);

        var decisions = await db.Journal.StreamDecisionsAsync(MarketOpen.AddMinutes(1), MarketOpen.AddMinutes(3), None).ToListAsync();
        var snapshots = await db.Journal.StreamSnapshotsAsync(MarketOpen.AddMinutes(1), MarketOpen.AddMinutes(3), None).ToListAsync();

        Assert.Equal(["Reason 1", "Reason 2"], decisions.Select(d => d.Reasoning));
        Assert.Equal([1001m, 1002m], snapshots.Select(s => s.Equity));
    }

    [Fact]
    public async Task Streams_the_fills_of_orders_submitted_in_the_range_by_fill_time()
    {
        var early = Decision("SPY", time: MarketOpen, withOrder: true, status: OrderStatus.Filled,
            fills: [new Fill(MarketOpen.AddMinutes(9), 10m, 100m, 1m)]);
        var late = Decision("AAPL", time: MarketOpen.AddMinutes(5), withOrder: true, status: OrderStatus.Filled,
            fills: [new Fill(MarketOpen.AddMinutes(6), 4m, 200m, 0.5m), new Fill(MarketOpen.AddMinutes(7), 6m, 201m, 0.5m)]);
        await using var db = await WithAsync(early, late);

        var all = await db.Journal.StreamTradesAsync(null, null, None).ToListAsync();
        var lateOnly = await db.Journal.StreamTradesAsync(MarketOpen.AddMinutes(1), null, None).ToListAsync();

        Assert.Equal([(MarketOpen.AddMinutes(6), "AAPL"), (MarketOpen.AddMinutes(7), "AAPL"), (MarketOpen.AddMinutes(9), "SPY")],
            all.Select(t => (t.Time, t.Symbol)));
        Assert.Equal([4m, 6m], lateOnly.Select(t => t.Quantity));
        Assert.All(lateOnly, t => Assert.Equal(late.Id, t.DecisionId));
    }
}
