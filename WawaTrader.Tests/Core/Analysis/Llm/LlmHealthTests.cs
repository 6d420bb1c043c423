using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

public sealed class LlmHealthTests
{
    private static (LlmHealth Health, FakeTimeProvider Time, LlmOptions Options) Create()
    {
        var options = new LlmOptions();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero));
        return (new LlmHealth(new StaticMonitor(options), time), time, options);
    }

    [Fact]
    public void Is_unknown_until_the_first_call()
    {
        var (health, _, _) = Create();

        Assert.Equal(LlmHealthState.Unknown, health.Current.State);
        Assert.Null(health.Current.P50LatencyMs);
    }

    [Fact]
    public void Is_online_while_every_recent_call_answered()
    {
        var (health, _, _) = Create();

        health.RecordAnswer(120);
        health.RecordAnswer(80);

        Assert.Equal(LlmHealthState.Online, health.Current.State);
        Assert.Equal(80, health.Current.LastLatencyMs);
        Assert.Equal(2, health.Current.Calls);
    }

    [Fact]
    public void Is_degraded_when_answering_after_recent_failures()
    {
        var (health, _, _) = Create();
        health.RecordFailure(20_000, "timeout after 20 s", timeout: true, circuitOpen: false);

        health.RecordAnswer(300);

        Assert.Equal(LlmHealthState.Degraded, health.Current.State);
        Assert.Equal((1L, 1L, 2L), (health.Current.Failures, health.Current.Timeouts, health.Current.Calls));
    }

    [Fact]
    public void Counts_an_unreadable_answer_as_a_parse_failure_and_degraded()
    {
        var (health, _, _) = Create();

        health.RecordParseFailure(200, "no action found");

        Assert.Equal(LlmHealthState.Degraded, health.Current.State);
        Assert.Equal((1L, 0L), (health.Current.ParseFailures, health.Current.Failures));
        Assert.Contains("no action found", health.Current.LastError);
    }

    [Fact]
    public void Is_offline_after_consecutive_failures_and_online_again_after_a_clean_window()
    {
        var (health, _, _) = Create();
        health.RecordFailure(3, "connection failed: ConnectionRefused", timeout: false, circuitOpen: false);
        health.RecordFailure(3, "connection failed: ConnectionRefused", timeout: false, circuitOpen: false);
        Assert.Equal(LlmHealthState.Offline, health.Current.State);

        for (var i = 0; i < LlmHealth.OutcomeWindow; i++) health.RecordAnswer(100);

        Assert.Equal(LlmHealthState.Online, health.Current.State);
    }

    [Fact]
    public void Shows_the_open_circuit_until_the_break_has_passed()
    {
        var (health, time, _) = Create();
        health.RecordFailure(5, "HTTP 500", timeout: false, circuitOpen: false);
        health.CircuitOpened(TimeSpan.FromSeconds(30));
        Assert.Equal(LlmHealthState.CircuitOpen, health.Current.State);
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddSeconds(30), health.Current.CircuitOpenUntil);

        time.Advance(TimeSpan.FromSeconds(31));

        Assert.NotEqual(LlmHealthState.CircuitOpen, health.Current.State);
    }

    [Fact]
    public void Leaves_calls_refused_by_the_open_circuit_out_of_the_latency()
    {
        var (health, _, _) = Create();
        health.RecordAnswer(500);

        health.RecordFailure(0.1, "circuit open after repeated failures", timeout: false, circuitOpen: true);

        Assert.Equal((500d, 500d, 2L), (health.Current.LastLatencyMs!.Value, health.Current.P50LatencyMs!.Value, health.Current.Calls));
    }

    [Fact]
    public void Computes_p50_and_p95_over_the_last_hundred_calls()
    {
        var (health, _, _) = Create();
        for (var i = 0; i < 50; i++) health.RecordAnswer(10_000); // pushed out of the window below
        for (var ms = 1; ms <= 100; ms++) health.RecordAnswer(ms);

        Assert.Equal((50d, 95d), (health.Current.P50LatencyMs!.Value, health.Current.P95LatencyMs!.Value));
        Assert.Equal(150, health.Current.Calls);
    }

    [Theory]
    [InlineData(false, LlmAskWhen.Signal)]
    [InlineData(true, LlmAskWhen.Never)]
    public void Is_disabled_when_the_model_is_never_asked(bool enabled, LlmAskWhen askWhen)
    {
        var (health, _, options) = Create();
        health.RecordAnswer(100);
        options.Enabled = enabled;
        options.AskWhen = askWhen;

        Assert.Equal(LlmHealthState.Disabled, health.Current.State);
    }

    [Fact]
    public void Raises_changed_with_the_new_snapshot()
    {
        var (health, _, _) = Create();
        LlmHealthSnapshot? seen = null;
        health.Changed += s => seen = s;

        health.RecordAnswer(42);

        Assert.Equal(42, seen!.LastLatencyMs);
    }

    private sealed class StaticMonitor(LlmOptions value) : IOptionsMonitor<LlmOptions>
    {
        public LlmOptions CurrentValue => value;

        public LlmOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LlmOptions, string?> listener) => null;
    }
}
