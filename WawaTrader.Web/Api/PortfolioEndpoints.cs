using WawaTrader.Core.Portfolio;

namespace WawaTrader.Web.Api;

public static class PortfolioEndpoints
{
    /// <summary>GET /api/portfolio: cash, equity, exposure, day P&amp;L and positions, and which broker and market they come from.</summary>
    public static IEndpointRouteBuilder MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/portfolio", async (PortfolioService portfolio, IServiceProvider services, CancellationToken ct) =>
            PortfolioDto.From(await portfolio.GetCurrentAsync(ct)) with { Connection = ConnectionDto.From(services) })
            .WithTags("Portfolio").WithName("GetPortfolio");
        return app;
    }
}
