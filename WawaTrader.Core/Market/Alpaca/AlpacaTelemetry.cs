using Microsoft.Extensions.DependencyInjection;
using Polly.Telemetry;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>
/// Polly's own log lines for Alpaca's pipelines (every strategy named <c>Alpaca…</c>: the retries and per-attempt timeouts of
/// the Trading and Market Data clients) at Debug: Polly writes one Warning with the exception and its stack trace per failed
/// attempt, while the clients and the cycle log an outage once, per minute and once when it ends (see
/// <see cref="Diagnostics.OutageTracker"/>). Other pipelines keep their severities.
/// </summary>
internal static class AlpacaTelemetry
{
    public const string StrategyPrefix = "Alpaca";

    public static IServiceCollection AddQuietAlpacaAttempts(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(o =>
        {
            var inner = o.SeverityProvider;
            o.SeverityProvider = args => args.Source.StrategyName?.StartsWith(StrategyPrefix, StringComparison.Ordinal) == true
                ? ResilienceEventSeverity.Debug
                : inner?.Invoke(args) ?? args.Event.Severity;
        });
}
