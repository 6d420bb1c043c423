using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Tests.Fakes;

/// <summary>What the fake server does with one chat-completion request.</summary>
internal abstract record FakeReply
{
    /// <summary>Waits this long before answering (a slow model); the wait ends early if the client goes away.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A chat completion whose message content is <paramref name="Content"/>, with usage when token counts are given.</summary>
    public sealed record Answer(string Content, int? PromptTokens = 120, int? CompletionTokens = 30) : FakeReply;

    /// <summary>An HTTP error status with an OpenAI-style error body, optionally with a <c>Retry-After</c> header (seconds).</summary>
    public sealed record Error(int Status, string Message, int? RetryAfterSeconds = null) : FakeReply;

    /// <summary>A 200 whose body is cut off: part of it is written, then the connection is aborted.</summary>
    public sealed record AbortMidBody : FakeReply;

    public static Answer Json(string action, double confidence, string reasoning) =>
        new(JsonSerializer.Serialize(new { action, confidence, reasoning }));

    public static Answer Fenced(string action, double confidence, string reasoning) =>
        new($"```json\n{JsonSerializer.Serialize(new { action, confidence, reasoning })}\n```");

    public static Answer Prose(string text) => new(text);

    public static Answer Garbage() => new("%%## <|endoftext|> ]]{{ 0x7f lorem");

    public static Error ServerError() => new(500, "The model crashed");

    public static Error TooManyRequests(int retryAfterSeconds = 1) => new(429, "Rate limit reached", retryAfterSeconds);

    /// <summary>What a server without structured output answers to <c>response_format: json_schema</c>.</summary>
    public static Error RejectJsonSchema() => new(400, "'response_format.type' must be 'json_object' or 'text' (json_schema is not supported)");
}

/// <summary>One request the fake server received: when (server stopwatch), its body, and its Authorization header.</summary>
internal sealed record FakeRequest(TimeSpan ReceivedAt, string Body, string? Authorization)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 with a random port (Kestrel): <c>POST /v1/chat/completions</c> and
/// <c>GET /v1/models</c> in OpenAI's wire format. Each chat request takes the next scripted <see cref="FakeReply"/>
/// from <see cref="Enqueue"/>, or <see cref="Default"/> when the script is empty. Records every request body and the
/// most requests it ever had in flight at once. Each test starts its own.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string ModelId = "fake/model-1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>The base URL including <c>/v1</c>, as the <c>Llm:Endpoint</c> setting takes it.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The reply when the script is empty.</summary>
    public FakeReply Default { get; set; } = FakeReply.Json("BUY", 80, "Momentum and volume agree.");

    /// <summary>When set, the reply to each request when the script is empty (in place of <see cref="Default"/>), made from what
    /// was asked: e.g. a limit price near the close the prompt states.</summary>
    public Func<FakeRequest, FakeReply>? Respond { get; set; }

    /// <summary>Chat-completion requests received so far, in arrival order.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Waits (up to 10 s) until at least <paramref name="count"/> chat requests have arrived.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = _clock.Elapsed + TimeSpan.FromSeconds(10);
        while (_requests.Count < count)
        {
            if (_clock.Elapsed > deadline) throw new TimeoutException($"The fake server saw {_requests.Count} of {count} requests.");
            await Task.Delay(10);
        }
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = ModelId, @object = "model", owned_by = "fake" } } }));
        app.MapPost("/v1/chat/completions", server.HandleChatAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    private async Task HandleChatAsync(HttpContext http)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max) break;
        try
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var request = new FakeRequest(_clock.Elapsed, body, http.Request.Headers.Authorization.FirstOrDefault());
            _requests.Enqueue(request);
            var reply = _script.TryDequeue(out var next) ? next : Respond?.Invoke(request) ?? Default;
            if (reply.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(reply.Delay, http.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            await WriteAsync(http, reply, ModelFrom(body));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static async Task WriteAsync(HttpContext http, FakeReply reply, string model)
    {
        switch (reply)
        {
            case FakeReply.Answer answer:
                await WriteJsonAsync(http, 200, Completion(answer, model));
                break;
            case FakeReply.Error error:
                if (error.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteJsonAsync(http, error.Status, JsonSerializer.Serialize(new { error = new { message = error.Message, type = "invalid_request_error", code = (string?)null } }));
                break;
            case FakeReply.AbortMidBody:
                var bytes = Encoding.UTF8.GetBytes(Completion(new FakeReply.Answer("{\"action\":\"BUY\",\"confidence\":90,\"reasoning\":\"cut\"}"), model));
                http.Response.StatusCode = 200;
                http.Response.ContentType = "application/json";
                http.Response.ContentLength = bytes.Length;
                await http.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await http.Response.Body.FlushAsync();
                http.Abort();
                break;
        }
    }

    private static Task WriteJsonAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json);
    }

    private static string Completion(FakeReply.Answer answer, string model)
    {
        var usage = answer.PromptTokens is { } p && answer.CompletionTokens is { } c
            ? new { prompt_tokens = p, completion_tokens = c, total_tokens = p + c }
            : null;
        return JsonSerializer.Serialize(new
        {
            id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = answer.Content }, finish_reason = "stop" } },
            usage,
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
    }

    private static string ModelFrom(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("model", out var m) && m.GetString() is { } s ? s : ModelId;
        }
        catch (JsonException)
        {
            return ModelId;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
