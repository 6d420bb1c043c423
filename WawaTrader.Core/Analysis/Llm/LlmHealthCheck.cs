using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Is the model reachable, or disabled? Disabled (<c>Llm:Enabled</c> false, <c>Llm:AskWhen</c> Never, or the technical analyst
/// chosen at start-up) is Healthy. Enabled, the server is probed with <c>GET {endpoint}/models</c> on the plain
/// <see cref="ProbeClientName"/> client (outside the model's retry and circuit breaker, so a probe never trips them, and without
/// the API key): any HTTP answer means it is up. A server that does not answer, or an open circuit, or calls failing in a row
/// (<see cref="LlmHealth"/>), is Degraded, never Unhealthy: every decision then stands on the technical analysis alone.
/// </summary>
public sealed class LlmHealthCheck(IOptionsMonitor<LlmOptions> options, LlmHealth health, IAnalyst analyst,
    IHttpClientFactory httpClients, TimeProvider time) : IHealthCheck
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client the probe uses.</summary>
    public const string ProbeClientName = "WawaTrader.Llm.Probe";

    /// <summary>How long the probe waits for the server's answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var state = health.Current;
        var endpoint = LlmEndpoint.Redact(o.Endpoint);
        var data = new Dictionary<string, object> { ["state"] = state.State.ToString(), ["endpoint"] = endpoint, ["model"] = o.Model };
        if (analyst is not LlmAnalyst)
            return HealthCheckResult.Healthy("Model disabled at start-up (Llm:Enabled was false): decisions use technical analysis only.", data);
        if (state.State == LlmHealthState.Disabled)
            return HealthCheckResult.Healthy("Model disabled (Llm:Enabled false or Llm:AskWhen Never): decisions use technical analysis only.", data);
        if (state.State == LlmHealthState.CircuitOpen)
            return HealthCheckResult.Degraded($"Model circuit open after repeated failures ({state.LastError}); technical analysis only until it closes.", data: data);

        var probe = await ProbeAsync(o.Endpoint, cancellationToken);
        if (probe.Error is { } error)
            return HealthCheckResult.Degraded($"Model server at {endpoint} unreachable ({error}); decisions fall back to technical analysis.", data: data);
        data["probeStatus"] = probe.Status;
        if (state.State == LlmHealthState.Offline)
            return HealthCheckResult.Degraded($"Model server at {endpoint} answers (HTTP {probe.Status}) but the last calls failed ({state.LastError}); technical analysis only meanwhile.", data: data);
        var latency = state.P50LatencyMs is { } p50 ? $"; median call {p50.ToString("0", CultureInfo.InvariantCulture)} ms" : "";
        return HealthCheckResult.Healthy($"Model server at {endpoint} answers (HTTP {probe.Status}); state {state.State}{latency}.", data);
    }

    private async Task<(int Status, string? Error)> ProbeAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(endpoint.Trim().TrimEnd('/') + "/models", UriKind.Absolute, out var uri)) return (0, "invalid endpoint");
        using var budget = new CancellationTokenSource(ProbeTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            using var client = httpClients.CreateClient(ProbeClientName);
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, $"no answer within {ProbeTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return (0, ex.HttpRequestError == HttpRequestError.ConnectionError ? $"connection failed: {ex.InnerException?.Message ?? ex.Message}" : ex.Message);
        }
    }
}
