using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>Registration of the Alpaca broker (<c>Trading:Broker=Alpaca</c>).</summary>
public static class AlpacaBrokerServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AlpacaBroker"/> (the <see cref="IBroker"/> when <c>Trading:Broker=Alpaca</c>, see
    /// <see cref="BrokersServiceCollectionExtensions.AddBrokers"/>): <see cref="AlpacaOptions"/> with a start-up check that the keys
    /// are set when it is used (<see cref="AlpacaKeysRequiredValidator"/>), <see cref="AlpacaStatus"/>, and the
    /// <see cref="AlpacaTradingClient.HttpClientName"/> client whose pipeline, outermost first, retries transient failures (429
    /// honouring <c>Retry-After</c>, 5xx, 408, dropped connections, timed-out attempts) of every method but POST and PATCH — an order
    /// POST is never retried blindly, the broker looks it up by client order id instead — then budgets requests
    /// (<see cref="AlpacaRateLimitHandler"/>), then times out each attempt after <see cref="AlpacaOptions.RequestTimeout"/>.
    /// The key headers are redacted from HTTP logging. Adds the <see cref="AlpacaWatchdog"/> as a hosted service (outage halt and
    /// resume, reconciliation at start-up and every <see cref="AlpacaOptions.ReconcileEvery"/> by <see cref="AlpacaReconciler"/>) and
    /// the <see cref="AlpacaTradeUpdates"/> stream.
    /// </summary>
    public static IServiceCollection AddAlpacaBroker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAlpacaOptions(configuration);
        if (services.Any(d => d.ServiceType == typeof(AlpacaBroker))) return services;
        services.AddAlpacaKeysRequired();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<AlpacaStatus>();
        services.AddSingleton<AlpacaTradingClient>();
        services.AddSingleton(sp => new AlpacaBroker(sp.GetRequiredService<AlpacaTradingClient>(), sp.GetRequiredService<IOptionsMonitor<AlpacaOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlpacaBroker>>()));
        // With Alpaca's broker the agent decides only in the regular session (Alpaca refuses market orders outside it).
        services.PostConfigure<WawaTrader.Core.Trading.TradingOptions>(o => o.MarketHoursOnly |= BrokersServiceCollectionExtensions.IsAlpaca(o));
        // The reconciler and the watchdog need the journal and the agent (Persistence, Trading): resolved when first asked for.
        services.TryAddSingleton<IReconciliationStore, InMemoryReconciliationStore>(); // AddPersistence's database store wins
        services.TryAddSingleton<ReconciliationLog>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AlpacaReconciler>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AlpacaWatchdog>(sp));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AlpacaWatchdog>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AlpacaTradeUpdates>(sp));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AlpacaTradeUpdates>());
        services.TryAddTransient<ResponseBufferingHandler>();
        services.TryAddSingleton<AlpacaRateBudget>();
        services.TryAddTransient<AlpacaRateLimitHandler>();
        var http = services.AddHttpClient(AlpacaTradingClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(["APCA-API-KEY-ID", "APCA-API-SECRET-KEY"]);
        http.AddResilienceHandler("alpaca-trading", ConfigurePipeline);
        http.AddHttpMessageHandler<AlpacaRateLimitHandler>();
        http.AddHttpMessageHandler<ResponseBufferingHandler>();
        return services;
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AlpacaOptions>>().CurrentValue;
        if (options.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                Name = "AlpacaTradingRetry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldRetryAfterHeader = true,
            };
            retry.DisableFor(HttpMethod.Post, HttpMethod.Patch);
            builder.AddRetry(retry);
        }
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "AlpacaTradingAttemptTimeout", Timeout = options.RequestTimeout });
    }
}
