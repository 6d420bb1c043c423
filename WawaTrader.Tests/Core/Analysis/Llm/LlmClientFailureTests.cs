using System.Net;
using System.Net.Sockets;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>Classification of call failures, the format-rejection rule and endpoint redaction.</summary>
public sealed class LlmClientFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static TheoryData<Exception, bool, LlmFailureKind, string> Failures => new()
    {
        { new OperationCanceledException(), true, LlmFailureKind.Timeout, "timeout after 20 s" },
        { new HttpOperationException("x", new TimeoutRejectedException()), false, LlmFailureKind.Timeout, "timeout after 20 s" },
        { new HttpOperationException("x", new BrokenCircuitException()), false, LlmFailureKind.CircuitOpen, "circuit open after repeated failures" },
        { new HttpOperationException(HttpStatusCode.TooManyRequests, "{}", "x", null), false, LlmFailureKind.RateLimited, "HTTP 429 Too Many Requests (rate limited)" },
        { new HttpOperationException(HttpStatusCode.BadGateway, "{}", "x", null), false, LlmFailureKind.HttpError, "HTTP 502 BadGateway" },
        { new HttpOperationException("x", new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))), false, LlmFailureKind.ConnectionFailed, "connection failed: ConnectionRefused" },
        { new HttpRequestException("Error while copying content to a stream."), false, LlmFailureKind.ConnectionFailed, "connection failed: Error while copying content to a stream." },
        { new InvalidOperationException("odd"), false, LlmFailureKind.Other, "InvalidOperationException: odd" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classifies_a_failure_with_a_short_reason(Exception exception, bool budgetExpired, LlmFailureKind kind, string reason)
    {
        var failure = LlmFailure.Classify(exception, Timeout, budgetExpired);

        Assert.Equal(new LlmFailure(kind, reason), failure);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "{\"error\":{\"message\":\"'response_format.type' must be 'json_object' or 'text'\"}}", true)]
    [InlineData(HttpStatusCode.BadRequest, "json_schema not supported", true)]
    [InlineData(HttpStatusCode.BadRequest, "model not loaded", false)]
    [InlineData(HttpStatusCode.InternalServerError, "response_format crashed us", false)]
    public void Downgrades_the_format_only_on_a_400_that_names_it(HttpStatusCode status, string body, bool rejects)
    {
        Assert.Equal(rejects, LlmClient.RejectsResponseFormat(new HttpOperationException(status, body, "failed", null)));
    }

    [Theory]
    [InlineData("http://localhost:1234/v1", "http://localhost:1234/v1")]
    [InlineData("http://localhost:1234/v1/", "http://localhost:1234/v1")]
    [InlineData("https://user:sk-secret@api.example.com/v1?api-key=sk-secret#x", "https://api.example.com/v1")]
    [InlineData("not a url", "(invalid endpoint)")]
    public void Redacts_credentials_query_and_fragment_from_the_endpoint(string endpoint, string redacted)
    {
        Assert.Equal(redacted, LlmEndpoint.Redact(endpoint));
    }
}
