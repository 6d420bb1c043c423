using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>How the answer's shape is requested, from the strictest to none. A server that rejects one gets the next.</summary>
public enum LlmResponseFormat
{
    /// <summary><c>response_format: {type: "json_schema"}</c> with the strict schema of <c>{action, confidence, reasoning}</c>.</summary>
    JsonSchema,

    /// <summary><c>response_format: {type: "json_object"}</c> (plain JSON mode).</summary>
    JsonObject,

    /// <summary>No <c>response_format</c>: the prompt alone asks for JSON.</summary>
    Text,
}

/// <summary>The model's raw answer and the token counts the server reported (null when it did not).</summary>
public sealed record LlmCompletion(string? Content, int? PromptTokens, int? CompletionTokens, LlmResponseFormat Format);

/// <summary>
/// Sends one prompt to an OpenAI-compatible <c>/chat/completions</c> endpoint through Semantic Kernel's OpenAI connector,
/// over the named <see cref="HttpClientName"/> client and its resilience pipeline (retry, circuit breaker, total timeout;
/// see <see cref="LlmServiceCollectionExtensions"/>). The OpenAI SDK's own retry policy and network timeout are turned off
/// (as Semantic Kernel does when given an <see cref="HttpClient"/>), so only the pipeline retries. The answer's shape is requested through
/// <c>response_format</c> (never tool calling); a server that rejects it with a 400 naming the format gets the next
/// <see cref="LlmResponseFormat"/>, and what worked is remembered per endpoint. The API key is read on every call from
/// configuration key <see cref="LlmOptions.ApiKeyVariable"/> and never logged. Failures are thrown as they come; the
/// <see cref="LlmAnalyst"/> classifies them with <see cref="LlmFailure.Classify"/>.
/// </summary>
public sealed class LlmClient(IHttpClientFactory httpClients, IConfiguration configuration, ILogger<LlmClient> logger)
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client the model is called through.</summary>
    public const string HttpClientName = "WawaTrader.Llm";

    private readonly ConcurrentDictionary<string, LlmResponseFormat> _formats = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The response format this client will try first for <paramref name="endpoint"/>.</summary>
    public LlmResponseFormat FormatFor(string endpoint) =>
        _formats.TryGetValue(Normalize(endpoint), out var format) ? format : LlmResponseFormat.JsonSchema;

    /// <summary>Asks the model once (the pipeline may retry transient failures) and returns its raw answer.</summary>
    public async Task<LlmCompletion> CompleteAsync(string prompt, LlmOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = Normalize(options.Endpoint);
        var format = FormatFor(endpoint);
        while (true)
        {
            try
            {
                var completion = await SendAsync(prompt, options, endpoint, format, cancellationToken);
                _formats[endpoint] = format;
                return completion;
            }
            catch (HttpOperationException ex) when (format != LlmResponseFormat.Text && RejectsResponseFormat(ex))
            {
                var next = format + 1;
                _formats[endpoint] = next;
                Log.ResponseFormatDowngraded(logger, LlmEndpoint.Redact(endpoint), format, next);
                format = next;
            }
        }
    }

    private async Task<LlmCompletion> SendAsync(string prompt, LlmOptions options, string endpoint, LlmResponseFormat format, CancellationToken cancellationToken)
    {
        // A key saved on the settings page (Llm:ApiKey, stored encrypted) overrides the environment variable.
        var apiKey = configuration[$"{LlmOptions.SectionName}:ApiKey"] is { Length: > 0 } saved ? saved : configuration[LlmOptions.ApiKeyVariable];
        var sdkOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint),
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // the resilience pipeline retries; the SDK must not retry again
            NetworkTimeout = Timeout.InfiniteTimeSpan, // the pipeline and the per-decision budget bound the call
        };
        // A server without keys (LM Studio, Ollama) still needs a non-empty credential for the SDK; a blank one is sent then.
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(apiKey) ? " " : apiKey), sdkOptions);
        var service = new OpenAIChatCompletionService(options.Model, client, NullLoggerFactory.Instance);
        var settings = new OpenAIPromptExecutionSettings
        {
            Temperature = options.Temperature,
            MaxTokens = options.MaxTokens,
            ResponseFormat = format switch
            {
                LlmResponseFormat.JsonSchema => typeof(LlmAnswerDto),
                LlmResponseFormat.JsonObject => "json_object",
                _ => null,
            },
        };
        // The OpenAI SDK sends the limit as max_completion_tokens; many local servers (LM Studio, Ollama, older llama.cpp)
        // read only max_tokens, so it is sent too, except to OpenAI itself, which accepts only the new name for some models.
#pragma warning disable SKEXP0010 // ExtraBody is marked experimental in SK 1.82 (pinned); a test asserts the field is sent
        if (!IsOpenAi(endpoint)) settings.ExtraBody = new Dictionary<string, object?> { ["max_tokens"] = options.MaxTokens };
#pragma warning restore SKEXP0010
        var history = new ChatHistory();
        history.AddUserMessage(prompt);
        var answer = await service.GetChatMessageContentAsync(history, settings, kernel: null, cancellationToken);
        var usage = answer.Metadata is { } metadata && metadata.TryGetValue("Usage", out var u) ? u as ChatTokenUsage : null;
        return new LlmCompletion(answer.Content, usage?.InputTokenCount, usage?.OutputTokenCount, format);
    }

    /// <summary>A 400 whose body or message names the response format: the server does not support that format.</summary>
    internal static bool RejectsResponseFormat(HttpOperationException ex)
    {
        if (ex.StatusCode != HttpStatusCode.BadRequest) return false;
        var text = $"{ex.ResponseContent} {ex.Message}";
        return text.Contains("response_format", StringComparison.OrdinalIgnoreCase)
               || text.Contains("json_schema", StringComparison.OrdinalIgnoreCase)
               || text.Contains("json_object", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsOpenAi(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Host.EndsWith("api.openai.com", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string endpoint) => endpoint.Trim().TrimEnd('/');
}

/// <summary>The shape the model is asked to answer in; its JSON schema is sent as <c>response_format</c>.</summary>
internal sealed class LlmAnswerDto
{
    [JsonPropertyName("action"), Description("BUY, SELL or HOLD")]
    public string Action { get; set; } = "";

    [JsonPropertyName("confidence"), Description("Confidence in percent, 0 to 100")]
    public double Confidence { get; set; }

    [JsonPropertyName("reasoning"), Description("One short paragraph: why")]
    public string Reasoning { get; set; } = "";
}
