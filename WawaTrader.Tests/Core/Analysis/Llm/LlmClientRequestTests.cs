using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>What goes over the wire: the recorded request bodies and headers of the fake server.</summary>
public sealed class LlmClientRequestTests
{
    [Fact]
    public async Task Requests_a_strict_json_schema_with_action_confidence_and_reasoning()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Temperature"] = "0.3", ["Llm:MaxTokens"] = "256" });

        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        var body = h.Server.Requests.Single().Json;
        var format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var schema = format.GetProperty("json_schema");
        Assert.True(schema.GetProperty("strict").GetBoolean());
        var properties = schema.GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["action", "confidence", "reasoning"], properties);
        Assert.Equal(FakeOpenAiServer.ModelId, body.GetProperty("model").GetString());
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(256, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(256, body.GetProperty("max_tokens").GetInt32()); // what local servers read
        Assert.False(body.TryGetProperty("tools", out _));
        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public async Task Falls_back_to_json_object_when_the_server_rejects_json_schema_and_remembers_it()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.RejectJsonSchema(), FakeReply.Json("BUY", 80, "ok"));

        var first = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        var second = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal((LlmOutcome.Used, LlmOutcome.Used), (first.Interaction!.Outcome, second.Interaction!.Outcome));
        var formats = h.Server.Requests.Select(FormatType).ToList();
        Assert.Equal(["json_schema", "json_object", "json_object"], formats);
        Assert.Equal(LlmResponseFormat.JsonObject, h.Provider.GetRequiredService<LlmClient>().FormatFor(h.Server.BaseUrl));
    }

    [Fact]
    public async Task Falls_back_to_plain_text_when_json_mode_is_rejected_too()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.RejectJsonSchema(), new FakeReply.Error(400, "response_format json_object is not supported"), FakeReply.Json("BUY", 80, "ok"));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(LlmOutcome.Used, proposal.Interaction!.Outcome);
        Assert.Equal(["json_schema", "json_object", null], h.Server.Requests.Select(FormatType));
    }

    [Fact]
    public async Task Does_not_downgrade_on_a_400_about_something_else()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(new FakeReply.Error(400, "model 'fake/model-1' is not loaded"));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(LlmOutcome.Failed, proposal.Interaction!.Outcome);
        Assert.StartsWith("Model unavailable (HTTP 400", proposal.Reasoning);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task Sends_the_api_key_to_the_server_but_never_into_the_interaction_or_the_logs()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.ServerError(), FakeReply.ServerError(), FakeReply.ServerError(), FakeReply.Garbage(), FakeReply.Json("BUY", 80, "ok"));

        var proposals = new[]
        {
            await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None),
            await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None),
            await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None),
        };

        Assert.All(h.Server.Requests, r => Assert.Equal("Bearer " + LlmHarness.ApiKey, r.Authorization));
        Assert.Equal([LlmOutcome.Failed, LlmOutcome.FellBack, LlmOutcome.Used], proposals.Select(p => p.Interaction!.Outcome));
        Assert.DoesNotContain(LlmHarness.ApiKey, JsonSerializer.Serialize(proposals));
        Assert.NotEmpty(h.Logs.Lines);
        Assert.DoesNotContain(h.Logs.Lines, line => line.Contains(LlmHarness.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_saved_in_settings_overrides_the_environment_variable()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:ApiKey"] = "saved-on-the-settings-page" });

        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal("Bearer saved-on-the-settings-page", Assert.Single(h.Server.Requests).Authorization);
    }

    [Fact]
    public async Task Never_stores_a_key_written_into_the_endpoints_query()
    {
        await using var h = await LlmHarness.StartAsync();
        var endpoint = h.Server.BaseUrl + "?api-key=" + LlmHarness.ApiKey;
        h.Configuration["Llm:Endpoint"] = endpoint;
        h.Configuration.Reload();

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(h.Server.BaseUrl, proposal.Interaction!.Endpoint);
        Assert.DoesNotContain(h.Logs.Lines, line => line.Contains(LlmHarness.ApiKey, StringComparison.Ordinal));
    }

    private static string? FormatType(FakeRequest request) =>
        request.Json.TryGetProperty("response_format", out var f) ? f.GetProperty("type").GetString() : null;
}
