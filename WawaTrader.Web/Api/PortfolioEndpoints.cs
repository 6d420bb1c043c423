using WawaTrader.Core.Portfolio;

namespace WawaTrader.Web.Api;

public static class PortfolioEndpoints
{
    /// <summary>GET /api/portfolio: cash, equity, exposure, day P&amp;L and positions of this process's agent, and which broker and market they come from.</summary>
    public static IEndpointRouteBuilder MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/portfolio", async (PortfolioService portfolio, IServiceProvider services, WawaTrader.Core.Agents.AgentIdentity self, CancellationToken ct) =>
            PortfolioDto.From(await portfolio.GetCurrentAsync(ct)) with { Connection = ConnectionDto.From(services), Agent = self.Name })
            .WithTags("Portfolio").WithName("GetPortfolio");
        return app;
    }
}
