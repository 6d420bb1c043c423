using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

public static class HealthEndpoints
{
    /// <summary>
    /// GET /health/live: the process is up (no dependency is checked; exempt from the access token). GET /health/ready: every
    /// dependency (database reachable and migrated, broker, market data freshness, model), 200 when Healthy or Degraded, 503 when
    /// Unhealthy. GET /api/health: the agent's state, market and broker, whether real money is traded (<c>liveMoney</c>) and, with the
    /// Alpaca broker, whether Alpaca answers, and with the Alpaca market whether its Market Data API answers and the feed
    /// (<c>alpacaMarketData</c>; the <c>market-data</c> readiness check is Degraded while it does not, saying why), with the overall
    /// status and the readiness checks.
    /// Each body lists the checks with status, duration and reason (<see cref="HealthReportJson"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(DiagnosticsServiceCollectionExtensions.LiveTag),
            ResponseWriter = HealthReportJson.WriteAsync,
        }).WithTags("Health").WithName("GetLiveness");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(DiagnosticsServiceCollectionExtensions.ReadyTag),
            ResponseWriter = HealthReportJson.WriteAsync,
        }).WithTags("Health").WithName("GetReadiness");

        app.MapGet("/api/health", async (AgentControl control, IMarketData market, IBroker broker, HealthCheckService health, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckHealthAsync(r => r.Tags.Contains(DiagnosticsServiceCollectionExtensions.ReadyTag), cancellationToken);
            var connection = ConnectionDto.From(services);
            return Results.Ok(new
            {
                status = report.Status.ToString(),
                agent = control.State,
                market = market.Name,
                broker = broker.Name,
                feed = connection.Feed,
                liveMoney = connection.LiveMoney,
                alpaca = connection.Alpaca,
                alpacaMarketData = connection.AlpacaMarketData,
                checks = HealthReportJson.Checks(report),
            });
        }).WithTags("Health").WithName("GetHealth");
        return app;
    }
}
