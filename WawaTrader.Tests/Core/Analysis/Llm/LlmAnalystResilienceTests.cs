using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>Circuit breaker, concurrency bound and the per-decision budget, through the real pipeline and the fake server.</summary>
public sealed class LlmAnalystResilienceTests
{
    private static readonly Dictionary<string, string?> Breaker = new()
    {
        ["Llm:Resilience:MaxRetries"] = "0",
        ["Llm:Resilience:MinimumThroughput"] = "2",
        ["Llm:Resilience:FailureRatio"] = "0.5",
        ["Llm:Resilience:SamplingDuration"] = "00:01:00",
        ["Llm:Resilience:BreakDuration"] = "00:00:30",
    };

    [Fact]
    public async Task Opens_the_circuit_after_repeated_failures_and_then_falls_back_without_a_request()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero));
        await using var h = await LlmHarness.StartAsync(Breaker, time);
        h.Server.Default = FakeReply.ServerError();

        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        var refused = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Equal(DecisionSource.Fallback, refused.Source);
        Assert.Equal(LlmOutcome.Failed, refused.Interaction!.Outcome);
        Assert.StartsWith("Model unavailable (circuit open after repeated failures); technical view: ", refused.Reasoning);
        Assert.Equal(LlmHealthState.CircuitOpen, h.Health.Current.State);
        Assert.Contains(h.Logs.Lines, line => line.Contains("circuit opened", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task While_the_circuit_is_open_each_refusal_is_recorded_and_only_the_first_of_them_keeps_its_prompt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero));
        await using var h = await LlmHarness.StartAsync(Breaker, time);
        h.Server.Default = FakeReply.ServerError();
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None); // the breaker opens

        var refused = new List<LlmInteraction>();
        for (var i = 0; i < 4; i++) refused.Add((await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None)).Interaction!);

        Assert.Equal(2, h.Server.Requests.Count);
        Assert.All(refused, r => Assert.Equal((LlmOutcome.Failed, "circuit open after repeated failures"), (r.Outcome, r.Error)));
        Assert.Equal([true, false, false, false], refused.Select(r => r.PromptKept)); // a new error keeps it, its repeats do not
        Assert.Contains("AAPL", refused[0].Prompt, StringComparison.Ordinal);
        Assert.Equal(6, h.Health.Current.Failures);
        Assert.Equal(LlmHealthState.CircuitOpen, h.Health.Current.State);

        // After the break one call probes the server; it fails, the breaker opens again and the next call is refused at once.
        time.Advance(TimeSpan.FromSeconds(31));
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        var again = (await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None)).Interaction!;
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Equal("circuit open after repeated failures", again.Error);
        Assert.Equal(LlmHealthState.CircuitOpen, h.Health.Current.State);
    }

    [Fact]
    public async Task Probes_again_after_the_break_and_closes_the_circuit_when_the_model_answers()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero));
        await using var h = await LlmHarness.StartAsync(Breaker, time);
        h.Server.Enqueue(FakeReply.ServerError(), FakeReply.ServerError());
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        Assert.Equal(LlmHealthState.CircuitOpen, h.Health.Current.State);

        time.Advance(TimeSpan.FromSeconds(31));
        var probe = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Equal((DecisionSource.Llm, LlmOutcome.Used), (probe.Source, probe.Interaction!.Outcome));
        Assert.NotEqual(LlmHealthState.CircuitOpen, h.Health.Current.State);
        Assert.Contains(h.Logs.Lines, line => line.Contains("circuit closed", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Never_has_more_calls_in_flight_than_the_concurrency_bound()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:MaxConcurrency"] = "2" });
        h.Server.Default = FakeReply.Json("BUY", 80, "ok") with { Delay = TimeSpan.FromMilliseconds(300) };

        var proposals = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None)));

        Assert.All(proposals, p => Assert.Equal(LlmOutcome.Used, p.Interaction!.Outcome));
        Assert.Equal(4, h.Server.Requests.Count);
        Assert.InRange(h.Server.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task Counts_the_wait_for_a_slot_against_the_budget()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:MaxConcurrency"] = "1", ["Llm:TimeoutSeconds"] = "30" });
        h.Server.Default = FakeReply.Json("BUY", 80, "slow") with { Delay = TimeSpan.FromMinutes(2) };
        using var holder = new CancellationTokenSource();
        var holding = h.Analyst.AnalyzeAsync(LlmHarness.Buy(), holder.Token);
        await h.Server.WaitForRequestsAsync(1);
        h.Configuration["Llm:TimeoutSeconds"] = "0.5";
        h.Configuration.Reload();

        var waiting = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(DecisionSource.Fallback, waiting.Source);
        Assert.Equal("timeout after 0.5 s", waiting.Interaction!.Error);
        // It spent its whole budget waiting for the slot the first call holds and never reached the server.
        Assert.Single(h.Server.Requests);
        await holder.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding);
    }
}
