using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Retry and circuit-breaker timings of the model's HTTP client. Bound from the <c>Llm:Resilience</c> section; the
/// defaults suit a local server (LM Studio): a refused connection (no server running) is not retried and costs
/// milliseconds; after <see cref="MinimumThroughput"/> failures the breaker opens and every decision falls back at once
/// until a probe after <see cref="BreakDuration"/> finds the server again.
/// The whole call, retries included, is still bounded by <see cref="LlmOptions.TimeoutSeconds"/>.
/// </summary>
public sealed class LlmResilienceOptions
{
    public const string SectionName = "Llm:Resilience";

    /// <summary>Retries after the first attempt for transient failures (5xx, 408, 429, broken connections; not a refused
    /// connection). 0 disables retrying.</summary>
    [Range(0, 10)] public int MaxRetries { get; set; } = 2;

    /// <summary>Delay before the first retry; doubles per retry, with jitter. A 429's <c>Retry-After</c> takes precedence.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")] public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Share of failed attempts (0–1) within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1)] public double FailureRatio { get; set; } = 0.5;

    /// <summary>Fewest attempts within <see cref="SamplingDuration"/> before the ratio is judged (at least 2).</summary>
    [Range(2, 1000)] public int MinimumThroughput { get; set; } = 4;

    /// <summary>Window over which the failure ratio is measured (at least 0.5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00")] public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before one probe call is let through (half-open); at least 0.5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00")] public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
