using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

public static class DecisionEndpoints
{
    public const int MaxLimit = 1000;

    /// <summary>GET /api/decisions?symbol=&amp;limit= (newest first), GET /api/decisions/{id}, GET /api/trades?limit=.</summary>
    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/decisions", async (string? symbol, int? limit, IDecisionJournal journal, CancellationToken ct) =>
        {
            if (LimitError(limit) is { } error) return error;
            var decisions = await journal.GetDecisionsAsync(string.IsNullOrWhiteSpace(symbol) ? null : symbol.Trim().ToUpperInvariant(), limit ?? 50, ct);
            return Results.Ok(decisions.Select(DecisionSummaryDto.From));
        }).WithTags("Decisions").WithName("ListDecisions");

        app.MapGet("/api/decisions/{id:guid}", async (Guid id, IDecisionJournal journal, CancellationToken ct) =>
            await journal.GetDecisionAsync(id, ct) is { } decision
                ? Results.Ok(DecisionDetailDto.From(decision))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Decision not found", detail: $"No decision has id {id}."))
            .WithTags("Decisions").WithName("GetDecision");

        app.MapGet("/api/trades", async (int? limit, IDecisionJournal journal, CancellationToken ct) =>
        {
            if (LimitError(limit) is { } error) return error;
            return Results.Ok(await journal.GetTradesAsync(limit ?? 100, ct));
        }).WithTags("Trades").WithName("ListTrades");
        return app;
    }

    private static IResult? LimitError(int? limit) => limit is < 1 or > MaxLimit
        ? Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] })
        : null;
}
