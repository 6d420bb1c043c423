using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>Why a model call got no answer.</summary>
public enum LlmFailureKind { Timeout, ConnectionFailed, HttpError, RateLimited, CircuitOpen, Other }

/// <summary>A classified call failure: its kind and a short reason for the decision's text and the audit row.</summary>
public sealed record LlmFailure(LlmFailureKind Kind, string Reason)
{
    /// <summary>The circuit breaker refused the call (the server failed repeatedly; no request was made).</summary>
    public static readonly LlmFailure CircuitOpen = new(LlmFailureKind.CircuitOpen, "circuit open after repeated failures");

    /// <summary>
    /// Classifies an exception from <see cref="LlmClient.CompleteAsync"/>. <paramref name="budgetExpired"/> says the
    /// per-decision budget (<paramref name="timeout"/>) ran out, which turns any cancellation into a timeout.
    /// </summary>
    public static LlmFailure Classify(Exception exception, TimeSpan timeout, bool budgetExpired)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var timedOut = new LlmFailure(LlmFailureKind.Timeout, $"timeout after {Seconds(timeout)} s");
        if (budgetExpired) return timedOut;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException:
                    return CircuitOpen;
                case TimeoutRejectedException:
                    return timedOut;
                case HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests }:
                    return new(LlmFailureKind.RateLimited, "HTTP 429 Too Many Requests (rate limited)");
                case HttpOperationException { StatusCode: { } status }:
                    return new(LlmFailureKind.HttpError, $"HTTP {(int)status} {status}");
                case SocketException socket:
                    return new(LlmFailureKind.ConnectionFailed, $"connection failed: {socket.SocketErrorCode}");
            }
        }
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is HttpRequestException or IOException)
                return new(LlmFailureKind.ConnectionFailed, $"connection failed: {OneLine(e.Message)}");
        return new(LlmFailureKind.Other, $"{exception.GetType().Name}: {OneLine(exception.Message)}");
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}

/// <summary>Endpoint text safe to log and store: scheme, host, port and path only (no user info, query or fragment).</summary>
public static class LlmEndpoint
{
    public static string Redact(string endpoint)
    {
        if (!Uri.TryCreate(endpoint?.Trim(), UriKind.Absolute, out var uri)) return "(invalid endpoint)";
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
    }
}
