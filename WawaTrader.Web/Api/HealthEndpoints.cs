using WawaTrader.Core.Market;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

public static class HealthEndpoints
{
    /// <summary>GET /api/health: liveness plus which market and broker the agent uses and its state, whether real money is traded
    /// (<c>liveMoney</c>) and, with the Alpaca broker, whether Alpaca answers.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (AgentControl control, IMarketData market, IBroker broker, IServiceProvider services) =>
        {
            var connection = ConnectionDto.From(services);
            return Results.Ok(new
            {
                status = "Healthy", agent = control.State, market = market.Name, broker = broker.Name,
                feed = connection.Feed, liveMoney = connection.LiveMoney, alpaca = connection.Alpaca,
            });
        })
            .WithTags("Health").WithName("GetHealth");
        return app;
    }
}
