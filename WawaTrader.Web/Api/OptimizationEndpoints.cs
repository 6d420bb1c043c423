using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Api;

/// <summary>
/// An optimisation on the wire: the base settings, <c>grid</c> (<c>{ key: [values] }</c>), <c>rank</c>, <c>walkForward</c>
/// lengths (or null), and once completed <see cref="Result"/>: <c>runs</c> ranked best first and <c>walkForward</c> (the shape of
/// <c>optimize --walk-forward --json</c>, or null).
/// </summary>
public sealed record OptimizationDto(
    Guid Id, DateTime Created, DateTime? Finished, BacktestStatus Status, double Progress, BacktestSettings Settings, JsonObject Grid,
    long Combinations, string Rank, WalkForwardSpec? WalkForward, string? Error, JsonObject? Result)
{
    public static OptimizationDto From(Optimization o, bool withResult = true)
    {
        ArgumentNullException.ThrowIfNull(o);
        JsonObject? result = null;
        if (withResult && o.Outcome is { } outcome)
        {
            result = new JsonObject
            {
                ["runs"] = OptimizationJson.Runs(outcome.Runs),
                ["walkForward"] = outcome.WalkForward is { } wf && o.WalkForward is { } spec ? OptimizationJson.WalkForward(wf, spec) : null,
            };
        }
        return new OptimizationDto(o.Id, o.Created, o.Finished, o.Status, o.Progress, o.Settings, OptimizationJson.Grid(o.Grid), o.Combinations,
            o.Rank, o.WalkForward, o.Error, result);
    }
}

public static class OptimizationEndpoints
{
    /// <summary>
    /// POST /api/optimizations (body <see cref="OptimizationOrder"/>: the backtest inputs plus <c>grid</c>, <c>rank</c>,
    /// <c>walkForward</c>; 202 with the queued optimisation and its Location; runs in the background),
    /// GET /api/optimizations/{id} (status, progress, and when completed the ranked runs and walk-forward windows),
    /// GET /api/optimizations?limit= (newest first, without results), POST /api/optimizations/{id}/cancel (202; 409 when already
    /// finished). Bad input is a 400 validation problem naming each member; an unknown id is a 404 problem. Optimisations live in
    /// memory for the app's lifetime (the newest <see cref="OptimizationRunner.MaxKept"/> finished ones).
    /// </summary>
    public static IEndpointRouteBuilder MapOptimizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/optimizations").WithTags("Optimizations");

        group.MapPost("", async Task<Results<Accepted<OptimizationDto>, ValidationProblem>> (OptimizationOrder? order, OptimizationRunner runner,
            IOptionsMonitor<BacktestingOptions> options, IBarCache barCache, Backtester engine, CancellationToken ct) =>
        {
            if (order is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["The body must be a JSON object."] });
            var (request, sources, errors) = await order.BuildOptimizationAsync(options.CurrentValue, barCache, engine, ct);
            if (request is null) return TypedResults.ValidationProblem(errors, title: "The optimisation cannot run: " + string.Join(", ", errors.Keys) + ".");
            var optimization = await runner.EnqueueAsync(request, sources, ct);
            return TypedResults.Accepted($"/api/optimizations/{optimization.Id}", OptimizationDto.From(optimization));
        }).WithName("StartOptimization");

        group.MapGet("", (int? limit, OptimizationRunner runner) =>
        {
            if (limit is < 1 or > OptimizationRunner.MaxKept * 2)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {OptimizationRunner.MaxKept * 2}."] });
            return Results.Ok(runner.List(limit ?? 20).Select(o => OptimizationDto.From(o, withResult: false)));
        }).WithName("ListOptimizations");

        group.MapGet("/{id:guid}", (Guid id, OptimizationRunner runner) =>
            runner.Get(id) is { } o ? Results.Ok(OptimizationDto.From(o)) : Unknown(id))
            .WithName("GetOptimization");

        group.MapPost("/{id:guid}/cancel", (Guid id, OptimizationRunner runner) =>
        {
            if (runner.Cancel(id)) return Results.Accepted($"/api/optimizations/{id}", OptimizationDto.From(runner.Get(id)!));
            var o = runner.Get(id);
            if (o is null) return Unknown(id);
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Optimisation already finished",
                detail: $"Optimisation {id} is {o.Status}; only a queued or running optimisation can be canceled.");
        }).WithName("CancelOptimization")
            .Produces<OptimizationDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static IResult Unknown(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown optimisation", detail: $"There is no optimisation {id} (optimisations are kept in memory until the app stops).");
}
