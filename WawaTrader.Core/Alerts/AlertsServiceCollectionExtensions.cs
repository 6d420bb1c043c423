using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers alerts: <see cref="AlertsOptions"/> (section <c>Alerts</c>; the secrets fall back to
    /// <see cref="AlertsOptions.SmtpPasswordVariable"/> and <see cref="AlertsOptions.SlackWebhookUrlVariable"/>; data annotations and
    /// <see cref="AlertsOptionsValidator"/>, validated at start-up), the e-mail and Slack channels, the Slack webhook's HTTP client
    /// (HttpClient's request logging removed, since the URL is the secret; a pipeline that retries Slack's 429 after its
    /// <c>Retry-After</c> and bounds the whole call by <see cref="AlertsOptions.SendTimeout"/>), and <see cref="AlertManager"/>,
    /// a singleton that is also the hosted sender; the event sources (<see cref="AlertSources"/>, <see cref="DailySummary"/>), and
    /// the registered <see cref="IBroker"/> and <see cref="IDecisionJournal"/> wrapped to publish their failures (<see cref="MonitoredBroker"/>,
    /// <see cref="MonitoredJournal"/>): call it after AddBrokers and AddPersistence. Needs an <see cref="IAlertStore"/> (AddPersistence registers one).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(AlertManager))) return services; // once: the HTTP handlers must not stack
        services.AddOptions<AlertsOptions>()
            .Bind(configuration.GetSection(AlertsOptions.SectionName))
            .PostConfigure(o => ApplySecretVariables(o, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>>(new AlertsOptionsValidator(key => configuration[key]));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<IAlertChannel, EmailAlertChannel>();
        services.AddSingleton<IAlertChannel, SlackAlertChannel>();
        services.AddSingleton<AlertManager>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertManager>());
        services.AddSingleton<Diagnostics.IAlertQueueDepth>(sp => sp.GetRequiredService<AlertManager>());
        services.AddHostedService<AlertSources>();
        services.AddHostedService<DailySummary>();
        Decorate<IBroker>(services, (inner, sp) => new MonitoredBroker(inner, sp.GetRequiredService<AgentEventHub>(), sp.GetRequiredService<TimeProvider>()));
        Decorate<IDecisionJournal>(services, (inner, sp) => new MonitoredJournal(inner, sp.GetRequiredService<AgentEventHub>(), sp.GetRequiredService<TimeProvider>()));

        var http = services.AddHttpClient(SlackAlertChannel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.RemoveAllLoggers();
        http.AddResilienceHandler("alerts-slack", ConfigurePipeline);
        return services;
    }

    /// <summary>Wraps the last registration of <typeparamref name="T"/> (when there is one) with <paramref name="wrap"/>, same lifetime.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<T, IServiceProvider, T> wrap) where T : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0 && index < 0; i--)
            if (services[i].ServiceType == typeof(T) && !services[i].IsKeyedService) index = i;
        if (index < 0) return;
        var original = services[index];
        Func<IServiceProvider, T> create = original switch
        {
            { ImplementationInstance: T instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (T)factory(sp),
            { ImplementationType: { } type } => sp => (T)ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new InvalidOperationException($"Cannot decorate {typeof(T).Name}."),
        };
        services[index] = new ServiceDescriptor(typeof(T), sp => wrap(create(sp), sp), original.Lifetime);
    }

    /// <summary>A secret not saved as a setting comes from its environment variable (configuration key of the same name).</summary>
    internal static void ApplySecretVariables(AlertsOptions o, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(o.SmtpPassword)) o.SmtpPassword = configuration[AlertsOptions.SmtpPasswordVariable] ?? "";
        if (string.IsNullOrEmpty(o.SlackWebhookUrl)) o.SlackWebhookUrl = configuration[AlertsOptions.SlackWebhookUrlVariable] ?? "";
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AlertsOptions>>();
        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "AlertsSlackTimeout",
            TimeoutGenerator = _ => ValueTask.FromResult(options.CurrentValue.SendTimeout),
        });
        // Slack limits a webhook to about one message a second and says when to come back; other failures are retried by the
        // AlertManager, which records each attempt.
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            Name = "AlertsSlackRateLimit",
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Constant,
            Delay = TimeSpan.FromSeconds(1),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
        });
    }
}
