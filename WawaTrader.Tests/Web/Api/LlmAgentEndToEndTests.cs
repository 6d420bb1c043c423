using System.Net.Http.Json;
using System.Text.Json;
using WawaTrader.Tests.Fakes;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

/// <summary>The whole app with the model bridge on, against the loopback OpenAI-compatible fake: decisions carry the model's view.</summary>
[Trait("Category", "Slow")]
public abstract class LlmAgentEndToEndTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : LlmAgentEndToEndTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : LlmAgentEndToEndTests(TestProvider.Postgres);

    [Fact]
    public async Task Agent_asks_the_model_and_records_the_interaction_with_each_decision()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Default = FakeReply.Json("HOLD", 65, "Sideways tape; nothing to do.");
        await using var app = App(new Dictionary<string, string?>
        {
            ["Llm:Enabled"] = "true",
            ["Llm:Endpoint"] = model.BaseUrl,
            ["Llm:Model"] = FakeOpenAiServer.ModelId,
            ["Llm:AskWhen"] = "Always",
        });
        using var client = app.CreateClient();

        var decisions = await AgentApiTests.WaitForAsync(client, "/api/decisions?limit=20",
            d => d.EnumerateArray().Any(x => x.GetProperty("source").GetString() == "Llm"));

        var asked = decisions.EnumerateArray().First(x => x.GetProperty("source").GetString() == "Llm");
        Assert.Equal("Hold", asked.GetProperty("action").GetString());
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/decisions/{asked.GetProperty("id").GetString()}");
        var interaction = detail.GetProperty("interaction");
        Assert.Equal(FakeOpenAiServer.ModelId, interaction.GetProperty("model").GetString());
        Assert.Contains(asked.GetProperty("symbol").GetString()!, interaction.GetProperty("prompt").GetString());
        Assert.Contains("Sideways tape", interaction.GetProperty("rawResponse").GetString());
        Assert.Equal("Hold", interaction.GetProperty("parsed").GetProperty("action").GetString());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("technical").ValueKind);
    }

    [Fact]
    public async Task Without_a_model_server_the_agent_falls_back_to_the_technical_view_and_says_why()
    {
        await using var app = App(new Dictionary<string, string?>
        {
            ["Llm:Enabled"] = "true",
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1", // nothing listens on the discard port
            ["Llm:AskWhen"] = "Always",
        });
        using var client = app.CreateClient();

        var decisions = await AgentApiTests.WaitForAsync(client, "/api/decisions?limit=20",
            d => d.EnumerateArray().Any(x => x.GetProperty("source").GetString() == "Fallback"));

        var fallback = decisions.EnumerateArray().First(x => x.GetProperty("source").GetString() == "Fallback");
        Assert.Contains("odel", fallback.GetProperty("reasoning").GetString());
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/decisions/{fallback.GetProperty("id").GetString()}");
        Assert.Equal("Failed", detail.GetProperty("interaction").GetProperty("outcome").GetString());
        var status = await client.GetFromJsonAsync<JsonElement>("/api/llm/status");
        Assert.Contains(status.GetProperty("health").GetProperty("state").GetString(), new[] { "Offline", "CircuitOpen", "Degraded" });
        Assert.Equal("http://127.0.0.1:9/v1", status.GetProperty("endpoint").GetString());
    }
}
