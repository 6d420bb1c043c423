using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>The real LlmAnalyst, Semantic Kernel and HttpClient pipeline against <see cref="FakeOpenAiServer"/>: each server behaviour → the recorded outcome.</summary>
public sealed class LlmAnalystTests
{
    [Fact]
    public async Task Confirms_a_technical_buy_the_model_agrees_with_at_the_lower_confidence()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Json("BUY", 80, "Oversold bounce with rising MACD."));
        var context = LlmHarness.Buy();

        var proposal = await h.Analyst.AnalyzeAsync(context, CancellationToken.None);

        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Equal(80, proposal.Confidence);
        Assert.Equal(DecisionSource.Llm, proposal.Source);
        Assert.Contains("Oversold bounce with rising MACD.", proposal.Reasoning);
        Assert.Equal(TradeAction.Buy, proposal.Technical!.Action);
        Assert.Equal(100, proposal.Technical.Confidence);
        var i = proposal.Interaction!;
        Assert.Equal(LlmOutcome.Used, i.Outcome);
        Assert.Equal(new LlmVerdict(TradeAction.Buy, 80, "Oversold bounce with rising MACD."), i.Parsed);
        Assert.Null(i.Error);
        Assert.Equal(context.DecisionId, i.DecisionId);
        Assert.Equal(("AAPL", context.Indicators.Time, context.Indicators.Close), (i.Symbol, i.BarTime, i.Close));
        Assert.Equal((FakeOpenAiServer.ModelId, h.Server.BaseUrl), (i.Model, i.Endpoint));
        Assert.Equal((120, 30), (i.PromptTokens, i.CompletionTokens));
        Assert.Equal(PromptBuilder.Version(PromptTemplates.Default), i.PromptVersion);
        Assert.Equal(i.Prompt, LlmHarness.UserMessage(h.Server.Requests.Single()));
        Assert.Contains("AAPL", i.Prompt);
        Assert.Contains("Oversold bounce", i.RawResponse);
        Assert.True(i.LatencyMs > 0);
        Assert.Equal(LlmHealthState.Online, h.Health.Current.State);
    }

    [Fact]
    public async Task Reads_an_answer_in_a_code_fence()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Fenced("buy", 75, "Trend up."));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal((TradeAction.Buy, 75d, DecisionSource.Llm, LlmOutcome.Used), (proposal.Action, proposal.Confidence, proposal.Source, proposal.Interaction!.Outcome));
    }

    [Fact]
    public async Task Vetoes_a_technical_buy_the_model_disagrees_with_and_says_why()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Json("HOLD", 70, "Earnings tomorrow; too risky."));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(TradeAction.Hold, proposal.Action);
        Assert.Equal(DecisionSource.Llm, proposal.Source);
        Assert.Equal(LlmOutcome.Vetoed, proposal.Interaction!.Outcome);
        Assert.Contains("vetoed the technical BUY", proposal.Reasoning);
        Assert.Contains("Earnings tomorrow; too risky.", proposal.Reasoning);
        Assert.Equal(TradeAction.Buy, proposal.Technical!.Action);
    }

    [Fact]
    public async Task Reads_a_prose_answer_that_states_action_and_confidence()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.Prose("Looking at the indicators, I would BUY here. Confidence 80%."));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(LlmOutcome.Used, proposal.Interaction!.Outcome);
        Assert.Equal(TradeAction.Buy, proposal.Interaction.Parsed!.Action);
        Assert.Equal(DecisionSource.Llm, proposal.Source);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("empty")]
    public async Task Falls_back_to_the_technical_view_when_the_answer_is_unreadable_never_a_silent_hold(string kind)
    {
        await using var h = await LlmHarness.StartAsync();
        var reply = kind == "empty" ? FakeReply.Prose("") : FakeReply.Garbage();
        h.Server.Enqueue(reply);

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Equal(proposal.Technical!.Confidence, proposal.Confidence);
        Assert.Equal(DecisionSource.Fallback, proposal.Source);
        Assert.StartsWith("Model answer unreadable (", proposal.Reasoning);
        Assert.EndsWith("; technical view: " + proposal.Technical.Reasoning, proposal.Reasoning);
        var i = proposal.Interaction!;
        Assert.Equal(LlmOutcome.FellBack, i.Outcome);
        Assert.Null(i.Parsed);
        Assert.False(string.IsNullOrWhiteSpace(i.Error));
        Assert.Equal(reply.Content, i.RawResponse ?? "");
        Assert.Equal(1, h.Health.Current.ParseFailures);
        Assert.Equal(LlmHealthState.Degraded, h.Health.Current.State);
    }

    [Fact]
    public async Task Gives_up_at_the_timeout_and_falls_back_without_waiting_for_a_slow_model()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:TimeoutSeconds"] = "0.5" });
        h.Server.Enqueue(FakeReply.Json("BUY", 90, "late") with { Delay = TimeSpan.FromMinutes(2) });

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(DecisionSource.Fallback, proposal.Source);
        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.StartsWith("Model unavailable (timeout after 0.5 s); technical view: ", proposal.Reasoning);
        Assert.Equal(LlmOutcome.Failed, proposal.Interaction!.Outcome);
        Assert.Equal("timeout after 0.5 s", proposal.Interaction.Error);
        Assert.True(proposal.Interaction.LatencyMs < 60_000);
        Assert.Equal((1L, 1L), (h.Health.Current.Failures, h.Health.Current.Timeouts));
    }

    [Fact]
    public async Task Records_a_server_error_as_a_failed_call_sent_once_when_retries_are_off()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Resilience:MaxRetries"] = "0" });
        h.Server.Default = FakeReply.ServerError();

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(DecisionSource.Fallback, proposal.Source);
        Assert.StartsWith("Model unavailable (HTTP 500", proposal.Reasoning);
        Assert.Equal(LlmOutcome.Failed, proposal.Interaction!.Outcome);
        // Only our pipeline retries: the OpenAI SDK's own retry policy is off.
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task Retries_a_server_error_and_uses_the_next_answer()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.ServerError(), FakeReply.Json("BUY", 85, "ok"));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(LlmOutcome.Used, proposal.Interaction!.Outcome);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Honours_retry_after_on_429_before_retrying()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(FakeReply.TooManyRequests(retryAfterSeconds: 1), FakeReply.Json("BUY", 85, "ok"));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(LlmOutcome.Used, proposal.Interaction!.Outcome);
        var requests = h.Server.Requests;
        Assert.Equal(2, requests.Count);
        // The retry base delay is 10 ms in these tests; only Retry-After: 1 explains a gap of a second.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Records_a_rate_limit_that_outlasts_the_retries_as_failed()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Resilience:MaxRetries"] = "0" });
        h.Server.Enqueue(FakeReply.TooManyRequests());

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.StartsWith("Model unavailable (HTTP 429", proposal.Reasoning);
        Assert.Equal(LlmOutcome.Failed, proposal.Interaction!.Outcome);
    }

    [Fact]
    public async Task Records_a_connection_closed_mid_body_as_failed()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Resilience:MaxRetries"] = "0" });
        h.Server.Enqueue(new FakeReply.AbortMidBody());

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(DecisionSource.Fallback, proposal.Source);
        Assert.Equal(LlmOutcome.Failed, proposal.Interaction!.Outcome);
        Assert.StartsWith("Model unavailable (connection failed", proposal.Reasoning);
    }

    [Fact]
    public async Task Retries_a_connection_closed_mid_body_and_uses_the_next_answer()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(new FakeReply.AbortMidBody(), FakeReply.Json("BUY", 70, "ok"));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(LlmOutcome.Used, proposal.Interaction!.Outcome);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Falls_back_when_nothing_listens_and_reports_the_model_offline()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Endpoint"] = $"http://127.0.0.1:{LlmHarness.UnusedPort()}/v1" });

        var first = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        var second = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal(DecisionSource.Fallback, second.Source);
        Assert.StartsWith("Model unavailable (connection failed", first.Reasoning);
        Assert.Equal(LlmOutcome.Failed, second.Interaction!.Outcome);
        Assert.Equal(LlmHealthState.Offline, h.Health.Current.State);
    }

    [Fact]
    public async Task A_server_that_stays_down_is_logged_once_then_summarised_per_minute_then_once_when_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.Zero));
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Endpoint"] = $"http://127.0.0.1:{LlmHarness.UnusedPort()}/v1" }, time);

        for (var i = 0; i < 40; i++) await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        // Everything at Warning and above, from every category (HttpClient, Polly and ours): what a user's log shows.
        var whileDown = h.Logs.Lines.Where(l => l.StartsWith("Warning ", StringComparison.Ordinal) || l.StartsWith("Error ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, whileDown.Count);
        Assert.Contains("failed (connection failed", whileDown[0]);
        Assert.Contains("40 more failed calls", whileDown[1]);
        Assert.All(whileDown, l => Assert.DoesNotContain("   at ", l)); // no stack trace
    }

    [Fact]
    public async Task Recovery_of_the_model_is_logged_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.Zero));
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Resilience:MaxRetries"] = "0" }, time);
        h.Server.Enqueue(FakeReply.ServerError(), FakeReply.ServerError());
        h.Server.Default = FakeReply.Json("BUY", 80, "ok");

        for (var i = 0; i < 4; i++) await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        var lines = h.Logs.Lines.Where(l => l.Contains("LlmAnalyst", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("Model answers again", lines[1]);
        Assert.Contains("(2 failed calls)", lines[1]);
    }

    [Fact]
    public async Task Does_not_retry_a_refused_connection_and_opens_the_circuit_after_a_few()
    {
        await using var h = await LlmHarness.StartAsync(new()
        {
            ["Llm:Endpoint"] = $"http://127.0.0.1:{LlmHarness.UnusedPort()}/v1",
            ["Llm:Resilience:MaxRetries"] = "2",
            ["Llm:Resilience:MinimumThroughput"] = "3",
        });

        var proposals = new List<Proposal>();
        for (var i = 0; i < 4; i++) proposals.Add(await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None));

        Assert.All(proposals[..3], p => Assert.StartsWith("Model unavailable (connection failed", p.Reasoning));
        Assert.StartsWith("Model unavailable (circuit open", proposals[3].Reasoning);
        Assert.Equal(LlmHealthState.CircuitOpen, h.Health.Current.State);
    }

    [Fact]
    public async Task Propagates_the_callers_cancellation_instead_of_recording_a_failure()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = FakeReply.Json("BUY", 80, "slow") with { Delay = TimeSpan.FromMinutes(2) };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Analyst.AnalyzeAsync(LlmHarness.Buy(), cts.Token));

        Assert.Equal(0, h.Health.Current.Failures);
    }
}

/// <summary>One test's world: its own fake server, DI container (AddAnalysis + AddLlm), captured logs and settings.</summary>
internal sealed class LlmHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-7Qm2-DO-NOT-LEAK-93kf";

    private LlmHarness(FakeOpenAiServer server, ServiceProvider provider, IConfigurationRoot configuration, CapturingLoggerProvider logs)
    {
        Server = server;
        Provider = provider;
        Configuration = configuration;
        Logs = logs;
    }

    public FakeOpenAiServer Server { get; }

    public ServiceProvider Provider { get; }

    public IConfigurationRoot Configuration { get; }

    public CapturingLoggerProvider Logs { get; }

    public LlmAnalyst Analyst => Provider.GetRequiredService<LlmAnalyst>();

    public LlmHealth Health => Provider.GetRequiredService<LlmHealth>();

    /// <summary>Starts a server and a container. Retry delays are tiny and the breaker practically off unless a test sets them.</summary>
    public static async Task<LlmHarness> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var server = await FakeOpenAiServer.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = server.BaseUrl,
            ["Llm:Model"] = FakeOpenAiServer.ModelId,
            ["Llm:TimeoutSeconds"] = "15",
            ["Llm:Resilience:MaxRetries"] = "2",
            ["Llm:Resilience:RetryBaseDelay"] = "00:00:00.010",
            ["Llm:Resilience:RetryMaxDelay"] = "00:00:00.050",
            ["Llm:Resilience:MinimumThroughput"] = "1000",
            [LlmOptions.ApiKeyVariable] = ApiKey,
        };
        foreach (var (key, value) in settings ?? []) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (time is not null) services.AddSingleton(time);
        services.AddAnalysis(configuration);
        return new LlmHarness(server, services.BuildServiceProvider(validateScopes: true), configuration, logs);
    }

    /// <summary>Technical Buy at 100% (net +6).</summary>
    public static AnalysisContext Buy() => new("AAPL", Snapshots.Bullish(), 0m, 0m) { DecisionId = Guid.NewGuid() };

    /// <summary>Technical Hold at 100% (all neutral).</summary>
    public static AnalysisContext Hold() => new("MSFT", Snapshots.Neutral(), 0m, 0m) { DecisionId = Guid.NewGuid() };

    /// <summary>Technical Sell (net −6) on a held position above its stop.</summary>
    public static AnalysisContext Sell() => new("NVDA", Snapshots.Bearish(), 10m, 104m) { DecisionId = Guid.NewGuid() };

    public static string UserMessage(FakeRequest request) =>
        request.Json.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;

    /// <summary>A loopback port nothing listens on (bound, read, released).</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line (with its exception) so tests can look for secrets.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state}");
    }
}
