using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>Registers the model bridge: options, the resilient HTTP client, <see cref="LlmClient"/>, <see cref="LlmHealth"/> and <see cref="LlmAnalyst"/>.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LlmOptions"/> (<c>Llm</c>, data annotations + <see cref="LlmOptionsValidator"/>) and <see cref="LlmResilienceOptions"/> (<c>Llm:Resilience</c>), validated at
    /// start-up, and registers the <see cref="LlmClient.HttpClientName"/> client with one pipeline per server (scheme, host, port),
    /// outermost first: a total timeout of <see cref="LlmOptions.TimeoutSeconds"/> (read live), retries with exponential
    /// backoff and jitter for transient failures (5xx, 408, 429 honouring <c>Retry-After</c>, connection failures other than a
    /// refused connection, a body cut off mid-way), and a circuit breaker that opens on the failure ratio and probes again after the
    /// break; inside it, <see cref="ResponseBufferingHandler"/> reads each body so a broken one fails its own attempt.
    /// <see cref="LlmAnalyst"/> is registered as itself; <c>AddAnalysis</c> decides whether it is the <see cref="IAnalyst"/>.
    /// It needs <see cref="TechnicalAnalyst"/> (from <c>AddAnalysis</c>).
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(LlmAnalyst))) return services; // once: the HTTP handlers must not stack
        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.AddOptions<LlmResilienceOptions>()
            .Bind(configuration.GetSection(LlmResilienceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<LlmHealth>();
        services.TryAddSingleton(sp => new LlmClient(sp.GetRequiredService<IHttpClientFactory>(), configuration, sp.GetRequiredService<ILogger<LlmClient>>()));
        services.TryAddSingleton<LlmAnalyst>();

        services.AddTransient<ResponseBufferingHandler>();
        var http = services.AddHttpClient(LlmClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.AddResilienceHandler("llm", ConfigurePipeline).SelectPipelineBy(_ => request => PipelineKey(request.RequestUri));
        http.AddHttpMessageHandler<ResponseBufferingHandler>(); // added after, so inside the pipeline: once per attempt
        // The breaker's events are logged by the bridge itself (4003-4005, one line each); Polly's own copy of them would repeat
        // each with the failing request's exception and stack trace.
        services.Configure<TelemetryOptions>(o =>
        {
            var inner = o.SeverityProvider;
            o.SeverityProvider = args => args.Source.StrategyName == CircuitBreakerName
                ? ResilienceEventSeverity.None
                : inner?.Invoke(args) ?? args.Event.Severity;
        });
        return services;
    }

    private const string CircuitBreakerName = "LlmCircuitBreaker";

    /// <summary>One pipeline (breaker) per server: scheme, host and port; never user info, which could hold a secret and
    /// would reach Polly's telemetry through the pipeline's name.</summary>
    private static string PipelineKey(Uri? uri) => uri is null ? "" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";

    private static bool IsRefused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }) return true;
        return false;
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var llm = context.ServiceProvider.GetRequiredService<IOptionsMonitor<LlmOptions>>();
        var r = context.GetOptions<LlmResilienceOptions>();
        context.EnableReloads<LlmResilienceOptions>();
        var health = context.ServiceProvider.GetRequiredService<LlmHealth>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmClient));

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "LlmTotalTimeout",
            TimeoutGenerator = _ => ValueTask.FromResult(llm.CurrentValue.Timeout),
        });
        if (r.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "LlmRetry",
                MaxRetryAttempts = r.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = r.RetryBaseDelay,
                MaxDelay = r.RetryMaxDelay,
                ShouldRetryAfterHeader = true,
                // A refused connection means no server is listening: retrying within a second rarely helps and would make
                // every decision wait. It still counts toward the breaker, which then stops the attempts for the break.
                ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) && !IsRefused(args.Outcome.Exception)),
            });
        }
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = CircuitBreakerName,
            FailureRatio = r.FailureRatio,
            MinimumThroughput = r.MinimumThroughput,
            SamplingDuration = r.SamplingDuration,
            BreakDuration = r.BreakDuration,
            OnOpened = args =>
            {
                health.CircuitOpened(args.BreakDuration);
                Log.CircuitOpened(logger, args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                health.CircuitReset();
                Log.CircuitHalfOpened(logger);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                health.CircuitReset();
                Log.CircuitClosed(logger);
                return ValueTask.CompletedTask;
            },
        });
    }
}
