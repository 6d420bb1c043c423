using WawaTrader.Core.Agents;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

public static class AgentEndpoints
{
    /// <summary>
    /// GET /api/agent, POST /api/agent/start, POST /api/agent/stop, POST /api/agent/kill (stop and cancel open orders): this process's
    /// own agent only. GET /api/agents: every agent the database knows, running (its lease's heartbeat is fresh) or stopped, with its
    /// host, last heartbeat, last decision and decision count; <c>current</c> marks this process's.
    /// </summary>
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agents", async (IAgentDirectory directory, AgentIdentity self, CancellationToken ct) =>
            (await directory.ListAsync(ct)).Select(a => AgentListItemDto.From(a, self.Name)))
            .WithTags("Agent").WithName("ListAgents");

        var group = app.MapGroup("/api/agent").WithTags("Agent");
        group.MapGet("", (AgentControl control, AgentIdentity self) => Dto(control, self)).WithName("GetAgent");
        group.MapPost("/start", (AgentControl control, AgentIdentity self) =>
        {
            control.Start("Started through the API");
            return Dto(control, self);
        }).WithName("StartAgent");
        group.MapPost("/stop", (AgentControl control, AgentIdentity self) =>
        {
            control.Stop("Stopped through the API");
            return Dto(control, self);
        }).WithName("StopAgent");
        group.MapPost("/kill", async (KillSwitch killSwitch, AgentControl control, CancellationToken ct) =>
        {
            var canceled = await killSwitch.EngageAsync("Kill switch through the API", ct);
            return new { state = control.State, reason = control.Reason, since = control.Since, canceledOrders = canceled };
        }).WithName("KillAgent");
        return app;
    }

    private static AgentDto Dto(AgentControl control, AgentIdentity self) => new(control.State, control.Reason, control.Since) { Name = self.Name };
}
