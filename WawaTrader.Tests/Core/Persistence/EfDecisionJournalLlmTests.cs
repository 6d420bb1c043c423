using WawaTrader.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The technical view and the model interaction are part of the decision: written with it, read with it.</summary>
public abstract class EfDecisionJournalLlmTests(TestProvider provider) : DatabaseTests(provider)
{
    public sealed class OnSqlite() : EfDecisionJournalLlmTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : EfDecisionJournalLlmTests(TestProvider.Postgres);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_decision_with_its_technical_view_and_interaction_reads_back_field_for_field()
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision(action: TradeAction.Buy, withOrder: true).WithModel(
            parsed: new LlmVerdict(TradeAction.Buy, 66.6, "Trend \"up\"; volume 1.3× average"),
            rawResponse: "```json\n{\"action\":\"buy\",\"confidence\":\"66.6%\"}\n```", error: null,
            latencyMs: 1234.75, promptTokens: 900, completionTokens: 77);

        await database.Journal.RecordDecisionAsync(decision, None);
        var stored = await database.Journal.GetDecisionAsync(decision.Id, None);

        Assert.NotNull(stored);
        Assert.Equal(decision.Technical, stored.Technical);
        Assert.Equal(decision.Interaction, stored.Interaction);
        Assert.Equal(DateTimeKind.Utc, stored.Interaction!.Time.Kind);
        Assert.Equal(DateTimeKind.Utc, stored.Interaction.BarTime.Kind);
    }

    [Fact]
    public async Task A_verdict_with_a_limit_price_keeps_it_to_the_last_digit()
    {
        await using var database = await CreateMigratedAsync();
        var alone = Decision(action: TradeAction.Buy, withOrder: true).WithModel(
            parsed: new LlmVerdict(TradeAction.Buy, 80, "Buy the dip") { LimitPrice = 187.2345m },
            rawResponse: """{"action":"BUY","confidence":80,"reasoning":"Buy the dip","order_type":"limit","limit_price":187.2345}""");
        var small = Decision("MSFT", action: TradeAction.Sell).WithModel(
            parsed: new LlmVerdict(TradeAction.Sell, 75, "Take profit") { LimitPrice = 0.0001m });

        await database.Journal.RecordDecisionAsync(alone, None);
        await database.Journal.RecordDecisionAsync(small, None);

        Assert.Equal(187.2345m, (await database.Journal.GetDecisionAsync(alone.Id, None))!.Interaction!.Parsed!.LimitPrice);
        Assert.Equal(0.0001m, (await database.Journal.GetDecisionAsync(small.Id, None))!.Interaction!.Parsed!.LimitPrice);
        var listed = await database.LlmStore.QueryAsync(new LlmInteractionQuery(Limit: 10), None);
        Assert.Equal([0.0001m, 187.2345m], listed.Select(i => i.Parsed!.LimitPrice!.Value).Order());
    }

    [Fact]
    public async Task An_interaction_without_answer_tokens_or_verdict_keeps_its_nulls()
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision().WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null,
            error: "Timeout: no answer within 20 s", promptTokens: null, completionTokens: null, latencyMs: 20_000);

        await database.Journal.RecordDecisionAsync(decision, None);
        var stored = (await database.Journal.GetDecisionsAsync(null, 10, None)).Single();

        Assert.Equal(decision.Interaction, stored.Interaction);
        Assert.Null(stored.Interaction!.Parsed);
        Assert.Null(stored.Interaction.RawResponse);
        Assert.Null(stored.Interaction.PromptTokens);
    }

    [Fact]
    public async Task A_decision_the_model_took_no_part_in_has_neither_technical_view_nor_interaction()
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision();

        await database.Journal.RecordDecisionAsync(decision, None);
        var stored = await database.Journal.GetDecisionAsync(decision.Id, None);

        Assert.Null(stored!.Technical);
        Assert.Null(stored.Interaction);
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM llm_interactions;"));
    }

    [Fact]
    public async Task Local_and_unspecified_times_of_an_interaction_are_stored_as_utc()
    {
        await using var database = await CreateMigratedAsync();
        var utc = new DateTime(2024, 3, 15, 14, 0, 1, DateTimeKind.Utc);
        var decision = Decision().WithModel();
        decision = decision with
        {
            Interaction = decision.Interaction! with { Time = utc.ToLocalTime(), BarTime = DateTime.SpecifyKind(MarketOpen, DateTimeKind.Unspecified) },
        };

        await database.Journal.RecordDecisionAsync(decision, None);
        var stored = (await database.Journal.GetDecisionAsync(decision.Id, None))!.Interaction!;

        Assert.Equal((utc, DateTimeKind.Utc), (stored.Time, stored.Time.Kind));
        Assert.Equal((MarketOpen, DateTimeKind.Utc), (stored.BarTime, stored.BarTime.Kind));
    }

    [Fact]
    public async Task Recording_a_decision_with_its_interaction_is_one_transaction_of_inserts_only()
    {
        await using var database = await CreateMigratedAsync();
        database.Commands.Reset();

        await database.Journal.RecordDecisionAsync(Decision(withOrder: true).WithModel(), None);

        Assert.Equal(3, database.Commands.Statements.Count); // decision, order, interaction
        Assert.All(database.Commands.Statements, sql => Assert.StartsWith("INSERT", sql.TrimStart(), StringComparison.OrdinalIgnoreCase));
        Assert.True(database.Commands.RanAsOneUnitOfWork);
    }

    [Fact]
    public async Task A_decision_whose_interaction_cannot_be_written_is_not_written_either()
    {
        await using var database = await CreateMigratedAsync();
        var first = Decision(time: MarketOpen).WithModel();
        await database.Journal.RecordDecisionAsync(first, None);
        var second = Decision(time: MarketOpen.AddMinutes(1));
        second = second with { Interaction = first.Interaction! with { DecisionId = second.Id } }; // same interaction id: a key violation

        await Assert.ThrowsAsync<DbUpdateException>(() => database.Journal.RecordDecisionAsync(second, None));

        Assert.Null(await database.Journal.GetDecisionAsync(second.Id, None));
    }

    [Fact]
    public async Task An_interaction_belonging_to_another_decision_is_refused()
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision().WithModel();
        decision = decision with { Interaction = decision.Interaction! with { DecisionId = Guid.NewGuid() } };

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Journal.RecordDecisionAsync(decision, None));
    }

    [Fact]
    public async Task Listing_decisions_with_their_interactions_is_one_query()
    {
        await using var database = await CreateMigratedAsync();
        for (var i = 0; i < 6; i++)
        {
            var decision = Decision(time: MarketOpen.AddMinutes(i), withOrder: i % 2 == 0);
            await database.Journal.RecordDecisionAsync(i % 3 == 0 ? decision : decision.WithModel(), None);
        }
        database.Commands.Reset();

        var decisions = await database.Journal.GetDecisionsAsync(null, 100, None);

        Assert.Equal(4, decisions.Count(d => d.Interaction is not null && d.Technical is not null));
        Assert.Single(database.Commands.Commands);
    }

    [Theory]
    [InlineData("http://user:sk-secret@localhost:1234/v1", "http://localhost:1234/v1")]
    [InlineData("https://api.example.com/v1?api_key=sk-secret#frag", "https://api.example.com/v1")]
    [InlineData("http://localhost:1234/v1", "http://localhost:1234/v1")]
    [InlineData("https://api.openai.com/v1/", "https://api.openai.com/v1/")]
    public async Task A_key_hidden_in_the_endpoint_url_is_never_stored(string endpoint, string stored)
    {
        await using var database = await CreateMigratedAsync();
        var decision = Decision().WithModel(endpoint: endpoint);

        await database.Journal.RecordDecisionAsync(decision, None);

        var raw = (string)(await database.ScalarAsync("SELECT endpoint FROM llm_interactions;"))!;
        Assert.Equal(stored, PhraseCodec.Decode(raw)); // stored encoded (PhraseCodec), read back decoded
        Assert.DoesNotContain("secret", raw, StringComparison.Ordinal);
    }
}
