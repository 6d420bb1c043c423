using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

public static class AgentEndpoints
{
    /// <summary>GET /api/agent, POST /api/agent/start, POST /api/agent/stop, POST /api/agent/kill (stop and cancel open orders).</summary>
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
        group.MapPost("/kill", async (KillSwitch killSwitch, AgentControl control, CancellationToken ct) =>
        {
            var canceled = await killSwitch.EngageAsync("Kill switch through the API", ct);
            return new { state = control.State, reason = control.Reason, since = control.Since, canceledOrders = canceled };
        }).WithName("KillAgent");
        return app;
    }

    private static AgentDto Dto(AgentControl control) => new(control.State, control.Reason, control.Since);
}
