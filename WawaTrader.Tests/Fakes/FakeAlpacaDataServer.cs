using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Fakes;

/// <summary>What the fake data API does with one bars request instead of serving bars.</summary>
internal abstract record AlpacaReply
{
    /// <summary>An HTTP error with Alpaca's error body <c>{"code":…,"message":…}</c>, optionally with <c>Retry-After</c> (seconds).</summary>
    public sealed record Error(int Status, string Message, int? RetryAfterSeconds = null) : AlpacaReply;

    /// <summary>A 200 with this exact body.</summary>
    public sealed record Raw(string Body) : AlpacaReply;
}

/// <summary>One bars request as the fake received it.</summary>
internal sealed record AlpacaRequest(string Path, IReadOnlyDictionary<string, string> Query, string? KeyId, string? SecretKey);

/// <summary>
/// Alpaca's Market Data API v2 bars endpoint on 127.0.0.1 with a random port (Kestrel), in Alpaca's wire format:
/// <c>GET /v2/stocks/{symbol}/bars</c> checks the key headers (401 <c>{"message":"unauthorized."}</c> unless both match), checks the
/// query as Alpaca does (422 with Alpaca's message for a bad timeframe, start, end, limit, feed or adjustment), serves the bars
/// given to <see cref="Serve"/> between start and end (inclusive) in pages of min(limit, <see cref="PageSize"/>) with an opaque
/// <c>next_page_token</c>, and a symbol it has no bars for as <c>"bars": null</c> (what Alpaca answers). Daily bars are sent with
/// Alpaca's stamp (midnight New York time, in UTC), intraday bars with their UTC time. A request first takes the next scripted
/// <see cref="AlpacaReply"/>, if any. Each test starts its own.
/// </summary>
internal sealed class FakeAlpacaDataServer : IAsyncDisposable
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly string[] Timeframes = ["1Min", "5Min", "15Min", "30Min", "1Hour", "1Day", "1Week", "1Month"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (DateTime Time, Bar Bar)[]> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AlpacaReply> _script = new();
    private readonly ConcurrentQueue<AlpacaRequest> _requests = new();

    private FakeAlpacaDataServer(WebApplication app, string keyId, string secretKey)
    {
        _app = app;
        KeyId = keyId;
        SecretKey = secretKey;
    }

    public string KeyId { get; }

    public string SecretKey { get; }

    /// <summary>Base URL, as <c>Alpaca:DataUrl</c> takes it.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Most bars per page whatever the limit asked (to force paging with few bars).</summary>
    public int PageSize { get; set; } = 10_000;

    public IReadOnlyList<AlpacaRequest> Requests => [.. _requests];

    /// <summary>While true every connection is dropped unanswered (an outage).</summary>
    public bool Down { get; set; }

    /// <summary>Serves <paramref name="bars"/> as <paramref name="symbol"/>'s history; <paramref name="daily"/> bars (at midnight UTC of
    /// their date, as the CSV files hold them) are stamped as Alpaca stamps a daily bar.</summary>
    public void Serve(string symbol, IEnumerable<Bar> bars, bool daily = true) =>
        _series[symbol] = bars.Select(b => (daily ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(b.Time.Date, DateTimeKind.Unspecified), NewYork) : b.Time, b)).ToArray();

    public void Enqueue(params AlpacaReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    public static async Task<FakeAlpacaDataServer> StartAsync(string keyId = "PKTESTKEYID0001", string secretKey = "test-secret-9f8e7d6c5b4a")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeAlpacaDataServer(app, keyId, secretKey);
        app.MapGet("/v2/stocks/{symbol}/bars", (HttpContext http, string symbol) => server.HandleBarsAsync(http, symbol));
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    private async Task HandleBarsAsync(HttpContext http, string symbol)
    {
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var keyId = http.Request.Headers["APCA-API-KEY-ID"].FirstOrDefault();
        var secret = http.Request.Headers["APCA-API-SECRET-KEY"].FirstOrDefault();
        _requests.Enqueue(new AlpacaRequest(http.Request.Path.Value ?? "", query, keyId, secret));
        if (Down)
        {
            http.Abort();
            return;
        }

        if (_script.TryDequeue(out var reply))
        {
            switch (reply)
            {
                case AlpacaReply.Error error:
                    if (error.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    await WriteAsync(http, error.Status, JsonSerializer.Serialize(new { code = error.Status * 100_000, message = error.Message }));
                    return;
                case AlpacaReply.Raw raw:
                    await WriteAsync(http, 200, raw.Body);
                    return;
            }
        }
        if (keyId != KeyId || secret != SecretKey)
        {
            await WriteAsync(http, 401, "{\"message\":\"unauthorized.\"}");
            return;
        }
        if (QueryProblem(query) is { } problem)
        {
            await WriteAsync(http, 422, JsonSerializer.Serialize(new { code = 42210000, message = problem }));
            return;
        }

        var start = Instant(query["start"]);
        var end = query.TryGetValue("end", out var e) ? Instant(e) : DateTime.MaxValue;
        var limit = query.TryGetValue("limit", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 1000;
        var offset = query.TryGetValue("page_token", out var token) ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : 0;
        if (!_series.TryGetValue(symbol, out var series))
        {
            await WriteAsync(http, 200, JsonSerializer.Serialize(new { bars = (object?)null, symbol, next_page_token = (string?)null }));
            return;
        }
        var inRange = series.Where(s => s.Time >= start && s.Time <= end).ToArray();
        var page = inRange.Skip(offset).Take(Math.Min(limit, PageSize)).ToArray();
        var next = offset + page.Length < inRange.Length ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + page.Length).ToString(CultureInfo.InvariantCulture))) : null;
        var bars = page.Select(p => new
        {
            t = p.Time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            o = p.Bar.Open, h = p.Bar.High, l = p.Bar.Low, c = p.Bar.Close, v = p.Bar.Volume,
            n = 1000, vw = (p.Bar.High + p.Bar.Low + p.Bar.Close) / 3,
        });
        await WriteAsync(http, 200, JsonSerializer.Serialize(new { bars, symbol, next_page_token = next }));
    }

    private static string? QueryProblem(Dictionary<string, string> query)
    {
        if (!query.TryGetValue("timeframe", out var timeframe) || !Timeframes.Contains(timeframe, StringComparer.Ordinal)) return "invalid timeframe";
        if (!query.TryGetValue("start", out var start) || !IsInstant(start)) return "invalid start";
        if (query.TryGetValue("end", out var end) && !IsInstant(end)) return "invalid end";
        if (query.TryGetValue("limit", out var limit) && (!int.TryParse(limit, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 10_000)) return "invalid limit: must be between 1 and 10000";
        if (query.TryGetValue("feed", out var feed) && feed is not ("iex" or "sip")) return "invalid feed";
        if (query.TryGetValue("adjustment", out var adjustment) && adjustment is not ("raw" or "split" or "dividend" or "all")) return "invalid adjustment";
        return null;
    }

    private static bool IsInstant(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);

    private static DateTime Instant(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static Task WriteAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
