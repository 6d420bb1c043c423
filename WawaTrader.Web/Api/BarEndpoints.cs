using WawaTrader.Core.Market;

namespace WawaTrader.Web.Api;

public static class BarEndpoints
{
    /// <summary>GET /api/bars: the symbols in the bar cache, ordered by symbol, each with <c>first</c> and <c>last</c> bar time (UTC) and
    /// <c>count</c> — the symbols a backtest or optimisation may name in <c>symbols</c>.</summary>
    public static IEndpointRouteBuilder MapBarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bars", async (IBarCache cache, CancellationToken ct) => Results.Ok(await cache.ListAsync(ct)))
            .WithTags("Bars").WithName("ListCachedBars");
        return app;
    }
}
