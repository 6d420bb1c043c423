using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Web.Api;

/// <summary>A symbol in the bar cache on the wire; <see cref="Simulated"/> for the simulated example history.</summary>
public sealed record CachedSymbolDto(string Symbol, DateTime First, DateTime Last, int Count, bool Simulated);

public static class BarEndpoints
{
    /// <summary>
    /// GET /api/bars: the symbols in the bar cache, ordered by symbol, each with <c>first</c> and <c>last</c> bar time (UTC) and
    /// <c>count</c> and <c>simulated</c> (true for the example history's symbols) — the symbols a backtest or optimisation may name in <c>symbols</c>.
    /// POST /api/bars/fetch <c>{symbols, from, to, timeframe}</c> (<see cref="BarFetchOrder"/>): fetches the symbols' history from Alpaca
    /// into the bar cache and answers 200 with one result per symbol (<c>symbol</c>, <c>added</c>, <c>updated</c>, <c>unchanged</c>,
    /// <c>first</c>, <c>last</c>; the times null when Alpaca had no bars). Nothing is written unless every symbol was fetched.
    /// Problems: 400 naming the member for bad input, or the symbol Alpaca rejected (unknown symbol, 404/422, with Alpaca's message);
    /// 503 when no Alpaca keys are configured (the detail names the variables to set); 409 when the timeframe's bar size (daily or
    /// intraday) is not the one the cache holds for a symbol; 502 when Alpaca refused the keys, could not be reached, kept failing
    /// after the retries, or sent bars that cannot be used.
    /// </summary>
    public static IEndpointRouteBuilder MapBarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bars", async (IBarCache cache, CancellationToken ct) =>
                Results.Ok((await cache.ListAsync(ct)).Select(s => new CachedSymbolDto(s.Symbol, s.First, s.Last, s.Count, ExampleHistory.IsSimulated(s.Symbol)))))
            .WithTags("Bars").WithName("ListCachedBars");
        app.MapPost("/api/bars/fetch", FetchAsync).WithTags("Bars").WithName("FetchBarsFromAlpaca");
        return app;
    }

    private static async Task<IResult> FetchAsync(BarFetchOrder? order, AlpacaBarImporter importer, IBarCache cache, TimeProvider time, CancellationToken ct)
    {
        if (order is null) return Results.ValidationProblem(new Dictionary<string, string[]> { [""] = ["The body must be a JSON object."] });
        var (request, errors) = order.Build(time);
        if (request is null) return Results.ValidationProblem(errors);
        try
        {
            var results = await importer.ImportAsync(request.Symbols, request.Timeframe, request.From, request.To, cache, ct);
            return Results.Ok(results.Select(r => new BarFetchResultDto(r.Symbol, r.Result.Added, r.Result.Updated, r.Result.Unchanged, r.First, r.Last)));
        }
        catch (AlpacaException ex) when (ex.Failure == AlpacaFailure.KeysMissing)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Alpaca is not configured", detail: ex.Message);
        }
        catch (AlpacaException ex) when (ex.Failure == AlpacaFailure.Rejected)
        {
            var index = order.Symbols?.ToList().FindIndex(s => string.Equals(s?.Trim(), ex.Symbol, StringComparison.OrdinalIgnoreCase)) ?? -1;
            return Results.ValidationProblem(new Dictionary<string, string[]> { [index >= 0 ? $"symbols[{index}]" : "symbols"] = [ex.Message] });
        }
        catch (AlpacaException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Alpaca request failed", detail: ex.Message);
        }
        catch (BarSizeConflictException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another bar size is cached for this symbol", detail: ex.Message);
        }
        catch (InvalidBarException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Alpaca sent a bar the cache refuses", detail: ex.Message);
        }
    }
}

/// <summary>One symbol of <c>POST /api/bars/fetch</c>: bars added, replaced (other values at a cached time), already present, and the
/// time of the first and last bar fetched (UTC; null when none).</summary>
public sealed record BarFetchResultDto(string Symbol, int Added, int Updated, int Unchanged, DateTime? First, DateTime? Last);
