using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WawaTrader.Core.Diagnostics;

namespace WawaTrader.Web.Observability;

/// <summary>OpenTelemetry for the app: the <see cref="TradingMetrics.MeterName"/> meter with ASP.NET Core, HttpClient and runtime
/// instrumentation, scraped by Prometheus at <c>/metrics</c>; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics, traces and logs
/// (with their scopes: decision id and symbol) are also pushed over OTLP.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public const string DefaultServiceName = "wawatrader";

    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Configures OpenTelemetry from <paramref name="configuration"/> (environment variables included): the service name
    /// from <c>OTEL_SERVICE_NAME</c> (default <see cref="DefaultServiceName"/>), OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is set (the exporter reads that variable, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and the other standard ones itself).</summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(TradingMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!otlp) return services;
        otel.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            })
            .UseOtlpExporter();
        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint (GET <see cref="MetricsPath"/>; behind the access token when one is set).</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
