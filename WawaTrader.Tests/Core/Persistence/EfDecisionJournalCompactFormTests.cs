using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Persistence;
using WawaTrader.Core.Trading;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>
/// The indicator and risk-check columns are written in the compact form (CompactJournalJson); rows written before hold objects.
/// Both kinds in one journal read back exactly, through the journal and through the SQL that reads the close out of the JSON.
/// </summary>
public abstract class EfDecisionJournalCompactFormTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfDecisionJournalCompactFormTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfDecisionJournalCompactFormTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Records the decision, then rewrites its two JSON columns as a journal before the compact form held them.</summary>
    private static async Task RecordInObjectFormAsync(TempDatabase database, DecisionRecord decision)
    {
        await database.Journal.RecordDecisionAsync(decision, None);
        await using var context = database.CreateContext();
        var indicators = PersistenceJson.Serialize(decision.Indicators);
        var checks = PersistenceJson.Serialize(decision.RiskChecks);
        var updated = await context.Set<DecisionEntity>().Where(d => d.Id == decision.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.IndicatorsJson, indicators).SetProperty(d => d.RiskChecksJson, checks), None);
        Assert.Equal(1, updated);
    }

    [Fact]
    public async Task Decisions_in_both_forms_read_back_exactly_as_recorded()
    {
        await using var database = await CreateMigratedAsync();
        var old = Decision("SPY", barTime: MarketOpen);
        var compact = Decision("SPY", barTime: MarketOpen.AddMinutes(1), withOrder: true);
        await RecordInObjectFormAsync(database, old);
        await database.Journal.RecordDecisionAsync(compact, None);

        await using (var context = database.CreateContext())
        {
            var rows = await context.Set<DecisionEntity>().AsNoTracking().ToDictionaryAsync(d => d.Id, None);
            Assert.StartsWith("{", rows[old.Id].IndicatorsJson, StringComparison.Ordinal);
            Assert.StartsWith("[2,", rows[compact.Id].IndicatorsJson, StringComparison.Ordinal);
            Assert.StartsWith("[2,", rows[compact.Id].RiskChecksJson, StringComparison.Ordinal);
        }
        foreach (var decision in new[] { old, compact })
        {
            var loaded = await database.Journal.GetDecisionAsync(decision.Id, None);
            Assert.NotNull(loaded);
            Assert.Equal(decision.Indicators, loaded.Indicators);
            Assert.Equal(decision.RiskChecks, loaded.RiskChecks);
            // Read back, a decision names its agent (the journal's own: default).
            var expected = decision with { Agent = "default", Order = decision.Order is null ? null : decision.Order with { Agent = "default" } };
            Assert.Equivalent(expected, loaded, strict: true);
        }
        var listed = await database.Journal.GetDecisionsAsync(null, 10, None);
        Assert.Equal(2, listed.Count);
    }

    [Fact]
    public async Task The_closes_of_recorded_bars_are_read_out_of_both_forms()
    {
        await using var database = await CreateMigratedAsync();
        await RecordInObjectFormAsync(database, Decision("SPY", barTime: MarketOpen.AddMinutes(1)).AtClose(101.25));
        await database.Journal.RecordDecisionAsync(Decision("SPY", barTime: MarketOpen.AddMinutes(2)).AtClose(99.5), None);

        var closes = await database.LlmStore.GetClosesAfterAsync(new Dictionary<string, DateTime> { ["SPY"] = MarketOpen }, None);

        Assert.Equal(new BarClose[] { new(MarketOpen.AddMinutes(1), 101.25), new(MarketOpen.AddMinutes(2), 99.5) }, closes["SPY"]);
    }
}
