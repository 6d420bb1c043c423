using WawaTrader.Core.Brokers;

namespace WawaTrader.Web.Api;

public static class ReconciliationEndpoints
{
    /// <summary>GET /api/reconciliation: what reconciling our records to the broker found and repaired this run, newest first
    /// (empty with the built-in paper broker, whose records are ours).</summary>
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reconciliation", (IServiceProvider services) =>
        {
            var log = services.GetService<ReconciliationLog>();
            return Results.Ok(new { lastRun = log?.LastRun, events = log?.Events ?? [] });
        }).WithTags("Portfolio").WithName("GetReconciliation");
        return app;
    }
}
