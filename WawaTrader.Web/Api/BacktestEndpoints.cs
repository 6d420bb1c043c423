using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Api;

/// <summary>A backtest run on the wire; <see cref="Result"/> (the shape of <c>backtest --json</c>) once completed, else null;
/// <see cref="Simulated"/> when its bars are (partly) the simulated example history.</summary>
public sealed record BacktestRunDto(
    Guid Id, DateTime Created, DateTime? Finished, BacktestStatus Status, double Progress, BacktestSettings Settings, string? Error,
    JsonObject? Result, bool Simulated)
{
    public static BacktestRunDto From(BacktestRun run) => new(run.Id, run.Created, run.Finished, run.Status, run.Progress, run.Settings,
        run.Error, run.Result is null ? null : BacktestJson.ToJson(run.Result), ExampleBacktest.IsSimulated(run.Settings));
}

/// <summary>The example backtest as queued (<see cref="Run"/>) and what its history wrote to the bar cache (nothing after the first time).</summary>
public sealed record ExampleBacktestDto(BacktestRunDto Run, int BarsAdded, int BarsUpdated, int BarsUnchanged, int Seed);

/// <summary>A run in the list: settings and, when completed, both metric sets (same keys as the result's); <see cref="Simulated"/> as
/// for a run.</summary>
public sealed record BacktestRunSummaryDto(
    Guid Id, DateTime Created, DateTime? Finished, BacktestStatus Status, double Progress, BacktestSettings Settings, string? Error,
    JsonObject? Metrics, JsonObject? Benchmark, bool Simulated)
{
    public static BacktestRunSummaryDto From(BacktestRunSummary s) => new(s.Id, s.Created, s.Finished, s.Status, s.Progress, s.Settings, s.Error,
        s.Metrics is null ? null : BacktestJson.Metrics(s.Metrics), s.Benchmark is null ? null : BacktestJson.Metrics(s.Benchmark),
        ExampleBacktest.IsSimulated(s.Settings));
}

public static class BacktestEndpoints
{
    /// <summary>Most runs a list returns.</summary>
    public const int MaxLimit = 500;

    /// <summary>
    /// POST /api/backtests (body <see cref="BacktestOrder"/>; 202 with the queued run and its Location; runs in the background),
    /// GET /api/backtests/{id} (status, progress, and when completed the result), GET /api/backtests?limit= (newest first),
    /// POST /api/backtests/{id}/cancel (202; 409 when already finished), POST /api/backtests/example (no body: caches the simulated
    /// example history on first use and queues the technical strategy on it; 202 with the run, the bars written and the seed). Bad input is a 400 validation problem naming each
    /// member (a malformed file by path and line, a symbol missing from the bar cache); an unknown id is a 404 problem. The body may
    /// name cached symbols (<c>symbols</c>) beside or instead of files. Also maps the optimisations and <c>GET /api/bars</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapBacktestEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/backtests").WithTags("Backtests");

        group.MapPost("", async Task<Results<Accepted<BacktestRunDto>, ValidationProblem>> (BacktestOrder? order, BacktestRunner runner,
            IOptionsMonitor<BacktestingOptions> options, IBarCache barCache, Backtester engine, CancellationToken ct) =>
        {
            if (order is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["The body must be a JSON object."] });
            var (request, sources, errors) = await order.BuildCheckedAsync(options.CurrentValue, barCache, engine, ct);
            if (request is null) return TypedResults.ValidationProblem(errors, title: "The backtest cannot run: " + string.Join(", ", errors.Keys) + ".");
            var run = await runner.EnqueueAsync(request, sources, ct);
            return TypedResults.Accepted($"/api/backtests/{run.Id}", BacktestRunDto.From(run));
        }).WithName("StartBacktest");

        group.MapPost("/example", async Task<Results<Accepted<ExampleBacktestDto>, ValidationProblem>> (ExampleBacktest example,
            IOptionsMonitor<SimulationOptions> simulation, CancellationToken ct) =>
        {
            try
            {
                var (run, bars) = await example.StartAsync(ct);
                return TypedResults.Accepted($"/api/backtests/{run.Id}",
                    new ExampleBacktestDto(BacktestRunDto.From(run), bars.Added, bars.Updated, bars.Unchanged, simulation.CurrentValue.Seed));
            }
            catch (InvalidOperationException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [ex.Message] }, title: "The example backtest cannot run.");
            }
        }).WithName("StartExampleBacktest");

        group.MapGet("", async (int? limit, BacktestRunner runner, CancellationToken ct) =>
        {
            if (limit is < 1 or > MaxLimit) return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
            var runs = await runner.ListAsync(limit ?? 50, ct);
            return Results.Ok(runs.Select(BacktestRunSummaryDto.From));
        }).WithName("ListBacktests");

        group.MapGet("/{id:guid}", async (Guid id, BacktestRunner runner, CancellationToken ct) =>
            await runner.GetAsync(id, ct) is { } run ? Results.Ok(BacktestRunDto.From(run)) : Unknown(id))
            .WithName("GetBacktest");

        group.MapPost("/{id:guid}/cancel", async (Guid id, BacktestRunner runner, CancellationToken ct) =>
        {
            if (runner.Cancel(id)) return Results.Accepted($"/api/backtests/{id}", BacktestRunDto.From((await runner.GetAsync(id, ct))!));
            var run = await runner.GetAsync(id, ct);
            if (run is null) return Unknown(id);
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Backtest already finished",
                detail: $"Backtest {id} is {run.Status}; only a queued or running backtest can be canceled.");
        }).WithName("CancelBacktest")
            .Produces<BacktestRunDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        // Optimisations are the backtests' sweeps, the bar cache their input; mapped with them so the app's endpoint list stays one
        // line per capability.
        app.MapOptimizationEndpoints();
        app.MapBarEndpoints();
        return app;
    }

    private static IResult Unknown(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown backtest", detail: $"There is no backtest {id}.");
}
