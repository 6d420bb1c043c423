using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>A server that keeps failing would otherwise cost a full prompt per symbol and tick: a failed call that repeats the
/// previous failure's error is recorded without its prompt, and says so.</summary>
public sealed class LlmAnalystPromptRetentionTests
{
    private static readonly Dictionary<string, string?> NoRetries = new() { ["Llm:Resilience:MaxRetries"] = "0" };

    private static async Task<LlmInteraction> AskAsync(LlmHarness h) =>
        (await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None)).Interaction!;

    [Fact]
    public async Task Only_the_first_of_a_run_of_identical_failures_keeps_its_prompt()
    {
        await using var h = await LlmHarness.StartAsync(NoRetries);
        h.Server.Enqueue(FakeReply.ServerError(), FakeReply.ServerError(), FakeReply.ServerError(), FakeReply.TooManyRequests(),
            FakeReply.Json("BUY", 80, "Momentum and volume agree."), FakeReply.ServerError());

        var calls = new List<LlmInteraction>();
        for (var i = 0; i < 6; i++) calls.Add(await AskAsync(h));

        Assert.Equal([LlmOutcome.Failed, LlmOutcome.Failed, LlmOutcome.Failed, LlmOutcome.Failed, LlmOutcome.Used, LlmOutcome.Failed],
            calls.Select(c => c.Outcome));
        // first failure, two repeats, a different error, an answer, a failure after the answer
        Assert.Equal([true, false, false, true, true, true], calls.Select(c => c.PromptKept));
        Assert.All(calls.Where(c => !c.PromptKept), c => Assert.Equal("", c.Prompt));
        Assert.All(calls.Where(c => c.PromptKept), c => Assert.Contains("AAPL", c.Prompt, StringComparison.Ordinal));
        // what a repeated failure keeps: its error and latency
        Assert.Equal(calls[0].Error, calls[1].Error);
        Assert.False(string.IsNullOrEmpty(calls[1].Error));
        Assert.True(calls[1].LatencyMs > 0);
    }
}
