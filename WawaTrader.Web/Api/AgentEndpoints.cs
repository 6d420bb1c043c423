using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

public static class AgentEndpoints
{
    /// <summary>GET /api/agent, POST /api/agent/start, POST /api/agent/stop.</summary>
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agent").WithTags("Agent");
        group.MapGet("", (AgentControl control) => Dto(control)).WithName("GetAgent");
        group.MapPost("/start", (AgentControl control) =>
        {
            control.Start("Started through the API");
            return Dto(control);
        }).WithName("StartAgent");
        group.MapPost("/stop", (AgentControl control) =>
        {
            control.Stop("Stopped through the API");
            return Dto(control);
        }).WithName("StopAgent");
        return app;
    }

    private static AgentDto Dto(AgentControl control) => new(control.State, control.Reason, control.Since);
}
