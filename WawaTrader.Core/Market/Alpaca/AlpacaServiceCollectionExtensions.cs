using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>Registration of Alpaca's market data: options, the resilient HTTP client, <see cref="AlpacaHistoricalBars"/> and
/// <see cref="AlpacaBarImporter"/>.</summary>
public static class AlpacaServiceCollectionExtensions
{
    /// <summary>Binds <see cref="AlpacaOptions"/> (section <c>Alpaca</c>; data annotations and <see cref="AlpacaOptionsValidator"/>,
    /// validated at start-up) once; shared by every Alpaca capability (market data here, the broker later).</summary>
    public static IServiceCollection AddAlpacaOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ImplementationType == typeof(AlpacaOptionsValidator))) return services;
        services.AddOptions<AlpacaOptions>()
            .Bind(configuration.GetSection(AlpacaOptions.SectionName))
            .PostConfigure(o =>
            {
                // Alpaca's own variables, as its SDKs and CLI read them, when our keys are not set.
                if (string.IsNullOrWhiteSpace(o.KeyId)) o.KeyId = configuration[AlpacaOptions.ApcaKeyIdVariable];
                if (string.IsNullOrWhiteSpace(o.SecretKey)) o.SecretKey = configuration[AlpacaOptions.ApcaSecretKeyVariable];
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlpacaOptions>, AlpacaOptionsValidator>();
        services.AddQuietAlpacaAttempts(); // once, for every Alpaca capability
        return services;
    }

    /// <summary>
    /// Adds Alpaca's historical bars: <see cref="AlpacaOptions"/>, the <see cref="AlpacaHistoricalBars.HttpClientName"/> client with a
    /// pipeline, outermost first, of retries (<see cref="AlpacaOptions.MaxRetries"/>, exponential backoff with jitter from
    /// <see cref="AlpacaOptions.RetryBaseDelay"/>, honouring <c>Retry-After</c>) of transient failures (429, 5xx, 408, connection
    /// failures, an attempt past <see cref="AlpacaOptions.RequestTimeout"/>) and inside it a per-attempt timeout; the body is read
    /// inside the pipeline so one cut off mid-way is retried. The key headers are redacted from HTTP logging. Registers
    /// <see cref="AlpacaHistoricalBars"/>, <see cref="AlpacaBarImporter"/>, <see cref="AlpacaDataStatus"/> and the health checks'
    /// <see cref="AlpacaMarketDataProbe"/> as singletons. Without keys everything still starts;
    /// the calls then fail with <see cref="AlpacaFailure.KeysMissing"/>.
    /// </summary>
    public static IServiceCollection AddAlpacaMarketData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlpacaOptions(configuration);
        if (services.Any(d => d.ServiceType == typeof(AlpacaHistoricalBars))) return services; // once: the HTTP handlers must not stack
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<AlpacaDataStatus>();
        services.AddSingleton<AlpacaHistoricalBars>();
        services.AddSingleton<AlpacaMarketDataProbe>();
        services.AddSingleton<AlpacaBarImporter>();
        services.TryAddTransient<ResponseBufferingHandler>();
        var http = services.AddHttpClient(AlpacaHistoricalBars.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(["APCA-API-KEY-ID", "APCA-API-SECRET-KEY"]);
        http.AddResilienceHandler("alpaca-data", ConfigurePipeline);
        http.AddHttpMessageHandler<ResponseBufferingHandler>(); // inside the pipeline: once per attempt
        return services;
    }

    /// <summary>
    /// Adds the live Alpaca market (the <see cref="IMarketData"/> when <c>Trading:Market=Alpaca</c>): the market data of
    /// <see cref="AddAlpacaMarketData"/>, a start-up check that the keys are set when it is used, and <see cref="AlpacaLiveMarket"/>;
    /// with it the agent decides only in the regular session (<see cref="TradingOptions.MarketHoursOnly"/> is forced on, bars outside
    /// it still mark positions).
    /// </summary>
    public static IServiceCollection AddAlpacaLiveMarket(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlpacaMarketData(configuration);
        if (services.Any(d => d.ServiceType == typeof(AlpacaLiveMarket))) return services;
        services.AddAlpacaKeysRequired();
        services.AddSingleton<AlpacaLiveMarket>();
        services.PostConfigure<TradingOptions>(o => o.MarketHoursOnly |= string.Equals(o.Market, "Alpaca", StringComparison.OrdinalIgnoreCase));
        return services;
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AlpacaOptions>>().CurrentValue;
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "AlpacaRetry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldRetryAfterHeader = true,
            });
        }
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "AlpacaAttemptTimeout", Timeout = options.RequestTimeout });
    }
}
