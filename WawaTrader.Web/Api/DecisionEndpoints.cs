using WawaTrader.Core.Agents;

namespace WawaTrader.Web.Api;

public static class DecisionEndpoints
{
    public const int MaxLimit = 1000;

    /// <summary>GET /api/decisions?symbol=&amp;limit=&amp;agent= (newest first), GET /api/decisions/{id} (of any agent: ids are unique),
    /// GET /api/trades?limit=&amp;agent=. <c>agent</c> is this process's agent when left out, another agent's name, or <c>all</c>
    /// (<see cref="AgentViews"/>).</summary>
    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/decisions", async (string? symbol, int? limit, string? agent, AgentViews views, CancellationToken ct) =>
        {
            if (LimitError(limit) is { } error) return error;
            if (views.Resolve(agent) is not { } view) return AgentViews.Invalid(agent);
            var decisions = await view.Journal.GetDecisionsAsync(string.IsNullOrWhiteSpace(symbol) ? null : symbol.Trim().ToUpperInvariant(), limit ?? 50, ct);
            return Results.Ok(decisions.Select(DecisionSummaryDto.From));
        }).WithTags("Decisions").WithName("ListDecisions");

        app.MapGet("/api/decisions/{id:guid}", async (Guid id, AgentViews views, CancellationToken ct) =>
            await views.Resolve(AgentOptions.All)!.Journal.GetDecisionAsync(id, ct) is { } decision
                ? Results.Ok(DecisionDetailDto.From(decision))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Decision not found", detail: $"No decision has id {id}."))
            .WithTags("Decisions").WithName("GetDecision");

        app.MapGet("/api/trades", async (int? limit, string? agent, AgentViews views, CancellationToken ct) =>
        {
            if (LimitError(limit) is { } error) return error;
            if (views.Resolve(agent) is not { } view) return AgentViews.Invalid(agent);
            return Results.Ok(await view.Journal.GetTradesAsync(limit ?? 100, ct));
        }).WithTags("Trades").WithName("ListTrades");
        return app;
    }

    private static IResult? LimitError(int? limit) => limit is < 1 or > MaxLimit
        ? Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] })
        : null;
}
