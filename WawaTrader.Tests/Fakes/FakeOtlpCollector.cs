using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Tests.Fakes;

/// <summary>One OTLP/HTTP export the collector received: the signal's path (<c>/v1/metrics</c>, <c>/v1/logs</c>, <c>/v1/traces</c>),
/// its content type and its protobuf body.</summary>
internal sealed record OtlpExport(string Path, string? ContentType, byte[] Body)
{
    /// <summary>Whether the body holds <paramref name="text"/> as UTF-8 (protobuf keeps strings as they are).</summary>
    public bool Mentions(string text) => Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}

/// <summary>An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1 with a random port (Kestrel): accepts
/// <c>POST /v1/{signal}</c> with 200 and keeps every body. Each test starts its own.</summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpExport> _exports = new();

    private FakeOtlpCollector(WebApplication app) => _app = app;

    /// <summary>The base URL, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes it.</summary>
    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<OtlpExport> Exports => [.. _exports];

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new FakeOtlpCollector(app);
        app.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            collector._exports.Enqueue(new OtlpExport(http.Request.Path, http.Request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        collector.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
