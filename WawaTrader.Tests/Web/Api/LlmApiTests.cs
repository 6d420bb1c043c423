using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Persistence;
using static WawaTrader.Tests.Core.Persistence.JournalData;

namespace WawaTrader.Tests.Web.Api;

/// <summary>The model's part of a decision, its interactions and its scorecard through the REST API (real app, real SQLite file).</summary>
public abstract class LlmApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : LlmApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : LlmApiTests(TestProvider.Postgres);

    internal static readonly Dictionary<string, string?> Quiet = new()
    {
        ["Trading:StartOnLaunch"] = "false",
        ["Llm:Enabled"] = "false",
    };

    private async Task<(WawaTraderAppFactory App, HttpClient Client, IDecisionJournal Journal)> StartAsync()
    {
        var app = App(Quiet);
        var client = app.CreateClient();
        return (app, client, app.Services.GetRequiredService<IDecisionJournal>());
    }

    [Fact]
    public async Task Decision_detail_includes_the_technical_view_and_the_model_interaction()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var decision = Decision(action: TradeAction.Buy).WithModel(LlmOutcome.Used, parsed: new LlmVerdict(TradeAction.Buy, 70, "Momentum is strong"));
        await journal.RecordDecisionAsync(decision, CancellationToken.None);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/decisions/{decision.Id}");

        var technical = detail.GetProperty("technical");
        Assert.Equal(("Buy", 68.25, "RSI 61.5 and price above SMA20"),
            (technical.GetProperty("action").GetString(), technical.GetProperty("confidence").GetDouble(), technical.GetProperty("reasoning").GetString()));
        var interaction = detail.GetProperty("interaction");
        var expected = decision.Interaction!;
        Assert.Equal(expected.Id, interaction.GetProperty("id").GetGuid());
        Assert.Equal(decision.Id, interaction.GetProperty("decisionId").GetGuid());
        Assert.Equal((expected.Model, expected.Endpoint, expected.PromptVersion), (interaction.GetProperty("model").GetString(),
            interaction.GetProperty("endpoint").GetString(), interaction.GetProperty("promptVersion").GetString()));
        Assert.Equal((expected.Prompt, expected.RawResponse), (interaction.GetProperty("prompt").GetString(), interaction.GetProperty("rawResponse").GetString()));
        Assert.Equal(("Buy", 70.0, "Momentum is strong"), (interaction.GetProperty("parsed").GetProperty("action").GetString(),
            interaction.GetProperty("parsed").GetProperty("confidence").GetDouble(), interaction.GetProperty("parsed").GetProperty("reasoning").GetString()));
        Assert.Equal((812.5, 734, 41, "Used"), (interaction.GetProperty("latencyMs").GetDouble(), interaction.GetProperty("promptTokens").GetInt32(),
            interaction.GetProperty("completionTokens").GetInt32(), interaction.GetProperty("outcome").GetString()));
        Assert.Equal((expected.BarTime, expected.Close), (interaction.GetProperty("barTime").GetDateTime().ToUniversalTime(), interaction.GetProperty("close").GetDouble()));
    }

    [Fact]
    public async Task A_repeated_failure_without_its_prompt_is_marked_as_such_and_a_kept_prompt_is_not()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var kept = Decision("SPY", time: MarketOpen).WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Connection refused");
        var repeated = Decision("MSFT", time: MarketOpen.AddMinutes(1))
            .WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Connection refused", prompt: "");
        await journal.RecordDecisionAsync(kept, CancellationToken.None);
        await journal.RecordDecisionAsync(repeated, CancellationToken.None);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/llm/interactions");

        var byId = list.EnumerateArray().ToDictionary(i => i.GetProperty("id").GetGuid());
        var first = byId[kept.Interaction!.Id];
        var second = byId[repeated.Interaction!.Id];
        Assert.Equal((true, JsonValueKind.Null, kept.Interaction.Prompt),
            (first.GetProperty("promptKept").GetBoolean(), first.GetProperty("promptNote").ValueKind, first.GetProperty("prompt").GetString()));
        Assert.Equal((false, LlmInteraction.PromptNotKeptNote, "", "Connection refused", "Failed"),
            (second.GetProperty("promptKept").GetBoolean(), second.GetProperty("promptNote").GetString(), second.GetProperty("prompt").GetString(),
                second.GetProperty("error").GetString(), second.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Decision_detail_of_a_technical_only_decision_has_no_technical_view_or_interaction()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var decision = Decision();
        await journal.RecordDecisionAsync(decision, CancellationToken.None);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/decisions/{decision.Id}");

        Assert.Equal(JsonValueKind.Null, detail.GetProperty("technical").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("interaction").ValueKind);
    }

    [Fact]
    public async Task An_api_key_in_the_endpoint_url_never_reaches_the_api()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var decision = Decision().WithModel(endpoint: "https://user:sk-secret-123@api.example.com/v1?key=sk-secret-123");
        await journal.RecordDecisionAsync(decision, CancellationToken.None);

        var detail = await client.GetStringAsync($"/api/decisions/{decision.Id}");
        var list = await client.GetStringAsync("/api/llm/interactions");

        Assert.DoesNotContain("sk-secret", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", list, StringComparison.Ordinal);
        Assert.Contains("https://api.example.com/v1", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_are_listed_newest_first_and_filtered_by_symbol_model_outcome_time_and_text()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        DecisionRecord[] decisions =
        [
            Decision("SPY", time: MarketOpen.AddMinutes(0)).WithModel(LlmOutcome.Used),
            Decision("MSFT", time: MarketOpen.AddMinutes(1)).WithModel(LlmOutcome.Vetoed, model: "qwen/qwen3-8b",
                parsed: new LlmVerdict(TradeAction.Hold, 55, "Earnings tomorrow")),
            Decision("SPY", time: MarketOpen.AddMinutes(2)).WithModel(LlmOutcome.Failed, parsedNull: true, rawResponse: null, error: "Timeout after 20 s"),
        ];
        foreach (var d in decisions) await journal.RecordDecisionAsync(d, CancellationToken.None);
        var ids = decisions.Select(d => d.Interaction!.Id).ToArray();

        async Task<Guid[]> ListAsync(string query) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/api/llm/interactions{query}")).EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

        Assert.Equal([ids[2], ids[1], ids[0]], await ListAsync(""));
        Assert.Equal([ids[2], ids[0]], await ListAsync("?symbol=spy"));
        Assert.Equal([ids[1]], await ListAsync("?model=qwen/qwen3-8b"));
        Assert.Equal([ids[2]], await ListAsync("?outcome=failed"));
        Assert.Equal([ids[1]], await ListAsync("?q=earnings"));
        Assert.Equal([ids[1], ids[0]], await ListAsync("?from=2024-03-15T13:29:00Z&to=2024-03-15T13:31:30Z"));
        Assert.Equal([ids[2]], await ListAsync("?limit=1"));
    }

    [Fact]
    public async Task Scorecard_is_computed_from_the_recorded_interactions_and_later_bars()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        double[] closes = [100, 99, 101, 103];
        for (var i = 0; i < closes.Length; i++)
        {
            var decision = Decision("SPY", barTime: MarketOpen.AddMinutes(i)).AtClose(closes[i]);
            await journal.RecordDecisionAsync(i == 0 ? decision.WithModel(parsed: new LlmVerdict(TradeAction.Buy, 80, "up"), latencyMs: 640) : decision, CancellationToken.None);
        }

        var card = await client.GetFromJsonAsync<JsonElement>("/api/llm/scorecard?horizon=3");
        var byDefault = await client.GetFromJsonAsync<JsonElement>("/api/llm/scorecard");

        Assert.Equal(3, card.GetProperty("horizonBars").GetInt32());
        var model = Assert.Single(card.GetProperty("models").EnumerateArray());
        Assert.Equal((LlmData.Model, "v1", 1, 1.0), (model.GetProperty("model").GetString(), model.GetProperty("promptVersion").GetString(),
            model.GetProperty("calls").GetInt32(), model.GetProperty("buyShare").GetDouble()));
        Assert.Equal(640, model.GetProperty("latency").GetProperty("p50Ms").GetDouble());
        var calibration = model.GetProperty("calibration");
        Assert.Equal((1, 0, 1.0), (calibration.GetProperty("scored").GetInt32(), calibration.GetProperty("pending").GetInt32(), calibration.GetProperty("hitRate").GetDouble()));
        Assert.Equal(0.04, calibration.GetProperty("brierScore").GetDouble(), 12);
        Assert.Equal(6, calibration.GetProperty("buckets").GetArrayLength());
        Assert.Equal(5, byDefault.GetProperty("horizonBars").GetInt32());
        Assert.Equal(1, byDefault.GetProperty("models")[0].GetProperty("calibration").GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task Scorecard_counts_only_interactions_from_the_given_time()
    {
        var (app, client, journal) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        await journal.RecordDecisionAsync(Decision(time: MarketOpen).WithModel(model: "old-model"), CancellationToken.None);
        await journal.RecordDecisionAsync(Decision(time: MarketOpen.AddHours(2)).WithModel(model: "new-model"), CancellationToken.None);

        var card = await client.GetFromJsonAsync<JsonElement>("/api/llm/scorecard?from=2024-03-15T14:00:00Z");

        Assert.Equal(["new-model"], card.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()));
        Assert.Equal(new DateTime(2024, 3, 15, 14, 0, 0, DateTimeKind.Utc), card.GetProperty("from").GetDateTime().ToUniversalTime());
    }
}

/// <summary>Bad query parameters are validation problems naming the parameter. Read-only, so the cases share one app; SQLite only, as
/// the parameters are refused before any query reaches the database.</summary>
public sealed class LlmApiValidationTests(LlmApiValidationTests.AppFixture fixture) : IClassFixture<LlmApiValidationTests.AppFixture>
{
    public sealed class AppFixture : IAsyncLifetime
    {
        public WawaTraderAppFactory App { get; } = new(LlmApiTests.Quiet);

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/llm/interactions?limit=0", "limit")]
    [InlineData("/api/llm/interactions?limit=1001", "limit")]
    [InlineData("/api/llm/interactions?limit=ten", "limit")]
    [InlineData("/api/llm/interactions?outcome=Maybe", "outcome")]
    [InlineData("/api/llm/interactions?outcome=2", "outcome")]
    [InlineData("/api/llm/interactions?from=yesterday", "from")]
    [InlineData("/api/llm/interactions?to=2024-13-01", "to")]
    [InlineData("/api/llm/interactions?from=2024-03-16&to=2024-03-15", "to")]
    [InlineData("/api/llm/scorecard?horizon=0", "horizon")]
    [InlineData("/api/llm/scorecard?horizon=501", "horizon")]
    [InlineData("/api/llm/scorecard?from=soon", "from")]
    public async Task A_bad_parameter_is_a_validation_problem_naming_it(string url, string parameter)
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}
