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

    /// <summary>Records the decision, then rewrites its columns as a journal before the compact forms held them: plain text and
    /// JSON objects (<paramref name="compactJson"/>: the compact JSON version 2 instead), no binary snapshot.</summary>
    private static async Task RecordInObjectFormAsync(TempDatabase database, DecisionRecord decision, bool compactJson = false)
    {
        await database.Journal.RecordDecisionAsync(decision, None);
        await using var context = database.CreateContext();
        var indicators = compactJson ? CompactJournalJson.Serialize(decision.Indicators) : PersistenceJson.Serialize(decision.Indicators);
        var checks = compactJson ? CompactJournalJson.Serialize(decision.RiskChecks) : PersistenceJson.Serialize(decision.RiskChecks);
        var technical = decision.Technical?.Reasoning;
        var updated = await context.Set<DecisionEntity>().Where(d => d.Id == decision.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.IndicatorsJson, indicators).SetProperty(d => d.Indicators, (byte[]?)null)
                .SetProperty(d => d.RiskChecksJson, checks).SetProperty(d => d.Reasoning, decision.Reasoning)
                .SetProperty(d => d.TechnicalReasoning, technical), None);
        Assert.Equal(1, updated);
    }

    [Fact]
    public async Task Decisions_in_both_forms_read_back_exactly_as_recorded()
    {
        await using var database = await CreateMigratedAsync();
        var old = WithTechnical(Decision("SPY", barTime: MarketOpen));
        var version2 = WithTechnical(Decision("SPY", barTime: MarketOpen.AddSeconds(30)));
        var compact = WithTechnical(Decision("SPY", barTime: MarketOpen.AddMinutes(1), withOrder: true));
        await RecordInObjectFormAsync(database, old);
        await RecordInObjectFormAsync(database, version2, compactJson: true);
        await database.Journal.RecordDecisionAsync(compact, None);

        await using (var context = database.CreateContext())
        {
            var rows = await context.Set<DecisionEntity>().AsNoTracking().ToDictionaryAsync(d => d.Id, None);
            Assert.StartsWith("{", rows[old.Id].IndicatorsJson, StringComparison.Ordinal);
            Assert.Equal(old.Reasoning, rows[old.Id].Reasoning);
            Assert.StartsWith("[2,", rows[version2.Id].IndicatorsJson, StringComparison.Ordinal);
            Assert.StartsWith("[2,", rows[version2.Id].RiskChecksJson, StringComparison.Ordinal);
            Assert.Null(rows[compact.Id].IndicatorsJson);
            Assert.Equal(CompactIndicatorBytes.Version, rows[compact.Id].Indicators![0]);
            Assert.True(PhraseCodec.IsEncoded(rows[compact.Id].RiskChecksJson));
            Assert.StartsWith("[3,", PhraseCodec.Decode(rows[compact.Id].RiskChecksJson), StringComparison.Ordinal);
            Assert.StartsWith(JournalMapping.PartOfReasoning.ToString(), rows[compact.Id].TechnicalReasoning, StringComparison.Ordinal);
        }
        foreach (var decision in new[] { old, version2, compact })
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
        Assert.Equal(3, listed.Count);
    }

    /// <summary>The decision as the model's fallback records it: the technical view's reasoning inside the decision's.</summary>
    private static DecisionRecord WithTechnical(DecisionRecord decision)
    {
        var technical = new WawaTrader.Core.Analysis.Proposal(decision.Symbol, decision.Action, 61.5,
            "HOLD: weak or mixed signals, net score -0.5 of a possible +/-7 is inside the +/-2.5 threshold.", WawaTrader.Core.Analysis.DecisionSource.Technical);
        return decision with { Reasoning = $"Model unavailable (connection failed: ConnectionRefused); technical view: {technical.Reasoning}", Technical = technical };
    }

    [Theory]
    [InlineData("connection FAILED: connectionrefused); TECHNICAL", true)] // across phrases, any ASCII case
    [InlineData("inside the +/-2.5 thr", true)] // inside one phrase
    [InlineData("weak or mixed signals, net score -0.5", true)]
    [InlineData("\u0007 bell", true)] // a reserved character in the text itself
    [InlineData("50%_done", true)]
    [InlineData("inside the +/-3", false)]
    [InlineData("xyzzy", false)]
    public async Task The_text_search_matches_the_reasoning_as_read_back_in_new_and_old_rows(string text, bool found)
    {
        await using var database = await CreateMigratedAsync();
        var special = Decision("QQQ", barTime: MarketOpen.AddMinutes(2)) with { Reasoning = "Odd \u0007 bell and \u0001\u001E\u001F codes, 50%_done" };
        var compact = WithTechnical(Decision("SPY", barTime: MarketOpen.AddMinutes(1)));
        var old = WithTechnical(Decision("IWM", barTime: MarketOpen));
        await database.Journal.RecordDecisionAsync(compact, None);
        await database.Journal.RecordDecisionAsync(special, None);
        await RecordInObjectFormAsync(database, old);
        text = System.Text.RegularExpressions.Regex.Unescape(text);

        var page = await database.Journal.QueryDecisionsAsync(new DecisionQuery(Text: text), None);

        var expected = new[] { compact, special, old }
            .Where(d => d.Reasoning.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(d => d.Id).Order().ToList();
        Assert.Equal(found, expected.Count > 0); // the case is what it says
        Assert.Equal(expected, page.Items.Select(d => d.Id).Order().ToList());
        Assert.Equal(expected.Count, page.TotalCount);
    }

    [Fact]
    public async Task A_model_interaction_reads_back_exactly_and_its_encoded_error_is_found_by_the_search()
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision("SPY").WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, prompt: "",
            error: "circuit open after repeated failures", endpoint: "http://127.0.0.1:1234/v1");
        var interaction = decision.Interaction!;
        await database.Journal.RecordDecisionAsync(decision, None);

        var loaded = await database.Journal.GetDecisionAsync(decision.Id, None);
        Assert.Equal(interaction, loaded!.Interaction);
        var found = await database.LlmStore.QueryAsync(new LlmInteractionQuery(Text: "OPEN AFTER repeated"), None);
        Assert.Equal(interaction.Id, Assert.Single(found).Id);
        await using var context = database.CreateContext();
        var row = await context.Set<LlmInteractionEntity>().AsNoTracking().SingleAsync(None);
        Assert.True(row.Error!.Length < 5 && row.Endpoint.Length < 10, $"{row.Error.Length} and {row.Endpoint.Length} characters");
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
