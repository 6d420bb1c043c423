using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The answers of the model in <see cref="LlmBacktestMode.Live"/> backtests, kept in memory for the life of the process so a re-run
/// costs nothing. It sits in front of the <see cref="LlmClient.HttpClientName"/> handler pipeline (retries, breaker): a request
/// is keyed by the SHA-256 of its body — the prompt together with the model and sampling settings, so another model never
/// reuses an answer — and only successful answers are kept. Thread-safe.
/// </summary>
public sealed class LlmLiveCache(IHttpMessageHandlerFactory handlers, IConfiguration configuration, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, CachedAnswer> _answers = new(StringComparer.Ordinal);
    private long _hits;
    private long _misses;

    /// <summary>Answers kept.</summary>
    public int Count => _answers.Count;

    /// <summary>Requests answered from the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests sent to the server.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>A model client whose requests go through this cache.</summary>
    public LlmClient CreateClient() =>
        new(new CachingClientFactory(this, handlers), configuration, loggers.CreateLogger<LlmClient>());

    /// <summary>The cache key of a request body: lower-case hex SHA-256.</summary>
    public static string Key(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private sealed record CachedAnswer(HttpStatusCode Status, byte[] Body, string? MediaType);

    private sealed class CachingClientFactory(LlmLiveCache cache, IHttpMessageHandlerFactory handlers) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) =>
            new(new CachingHandler(cache) { InnerHandler = handlers.CreateHandler(name) }, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private sealed class CachingHandler(LlmLiveCache cache) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var key = Key(Combine(request, body));
            if (cache._answers.TryGetValue(key, out var cached))
            {
                Interlocked.Increment(ref cache._hits);
                return Response(cached, request);
            }
            Interlocked.Increment(ref cache._misses);
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) return response;
            var answer = new CachedAnswer(response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType);
            cache._answers.TryAdd(key, answer);
            response.Dispose();
            return Response(answer, request);
        }

        /// <summary>The bytes hashed: method, URL and body, so two endpoints never share an answer.</summary>
        private static byte[] Combine(HttpRequestMessage request, byte[] body)
        {
            var head = System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.RequestUri}\n");
            var all = new byte[head.Length + body.Length];
            head.CopyTo(all, 0);
            body.CopyTo(all, head.Length);
            return all;
        }

        private static HttpResponseMessage Response(CachedAnswer answer, HttpRequestMessage request)
        {
            var content = new ByteArrayContent(answer.Body);
            if (answer.MediaType is not null) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(answer.MediaType);
            return new HttpResponseMessage(answer.Status) { Content = content, RequestMessage = request };
        }
    }
}
