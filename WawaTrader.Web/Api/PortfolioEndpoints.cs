using WawaTrader.Core.Portfolio;

namespace WawaTrader.Web.Api;

public static class PortfolioEndpoints
{
    /// <summary>GET /api/portfolio: cash, equity, exposure, day P&amp;L and positions.</summary>
    public static IEndpointRouteBuilder MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/portfolio", async (PortfolioService portfolio, CancellationToken ct) =>
            PortfolioDto.From(await portfolio.GetCurrentAsync(ct))).WithTags("Portfolio").WithName("GetPortfolio");
        return app;
    }
}
