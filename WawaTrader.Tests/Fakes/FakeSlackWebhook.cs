using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Tests.Fakes;

/// <summary>What the fake webhook answers one post with instead of <c>200 ok</c>.</summary>
internal sealed record SlackReply(int Status, string Body, int? RetryAfterSeconds = null);

/// <summary>
/// A Slack incoming webhook on 127.0.0.1 with a random port (Kestrel), as Slack answers: <c>POST</c> to <see cref="Url"/> with a JSON
/// body → <c>200 ok</c>; any other path → <c>404 no_service</c>; a body that is not JSON with a <c>text</c> or <c>blocks</c> →
/// <c>400 invalid_payload</c>. A post first takes the next scripted <see cref="SlackReply"/>, if any; while <see cref="Hold"/> is on
/// it answers only when released (a slow server). Each test starts its own.
/// </summary>
internal sealed class FakeSlackWebhook : IAsyncDisposable
{
    public const string WebhookPath = "/services/T0000TEST/B0000TEST/s3cr3tT0kenInTheUrl";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly ConcurrentQueue<SlackReply> _script = new();
    private volatile TaskCompletionSource _gate = Open();
    private int _posts;

    private FakeSlackWebhook(WebApplication app) => _app = app;

    /// <summary>The webhook URL (its path is the secret, as Slack's is).</summary>
    public string Url { get; private set; } = "";

    public string BaseUrl { get; private set; } = "";

    /// <summary>Messages accepted (200), oldest first.</summary>
    public IReadOnlyList<JsonObject> Received => [.. _received];

    /// <summary>Posts to the webhook path, answered or not.</summary>
    public int Posts => Volatile.Read(ref _posts);

    public void Enqueue(params SlackReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public static async Task<FakeSlackWebhook> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var webhook = new FakeSlackWebhook(app);
        app.MapPost(WebhookPath, (Delegate)webhook.HandleAsync);
        app.MapFallback((HttpContext http) => Results.Text("no_service", statusCode: 404));
        await app.StartAsync();
        webhook.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        webhook.Url = webhook.BaseUrl + WebhookPath;
        return webhook;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _posts);
        await _gate.Task.WaitAsync(http.RequestAborted);
        if (_script.TryDequeue(out var reply))
        {
            if (reply.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text(reply.Body, statusCode: reply.Status);
        }
        JsonObject? body;
        try { body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject; }
        catch (System.Text.Json.JsonException) { body = null; }
        if (body is null || (body["text"] is null && body["blocks"] is null)) return Results.Text("invalid_payload", statusCode: 400);
        _received.Enqueue(body);
        return Results.Text("ok");
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
