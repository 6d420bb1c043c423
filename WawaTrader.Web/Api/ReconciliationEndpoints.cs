using WawaTrader.Core.Brokers;

namespace WawaTrader.Web.Api;

public static class ReconciliationEndpoints
{
    public const int DefaultLimit = 50, MaxLimit = 500;

    /// <summary>GET /api/reconciliation?limit=&amp;before= — what reconciling our records to the broker found and repaired, newest
    /// first, from the <see cref="IReconciliationStore"/> (so it survives restarts; this agent's events only): at most
    /// <c>limit</c> (1..500, default 50), older than the event id <c>before</c> when given; <c>nextBefore</c> is the id to ask for
    /// the next page (null on the last). Empty with the built-in paper broker, whose records are ours.</summary>
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reconciliation", async (string? limit, string? before, IServiceProvider services, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var count = DefaultLimit;
            if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, out count) || count < 1 || count > MaxLimit))
                errors[nameof(limit)] = [$"limit must be a whole number from 1 to {MaxLimit}."];
            long? beforeId = null;
            if (!string.IsNullOrWhiteSpace(before))
            {
                if (long.TryParse(before, out var id) && id > 0) beforeId = id;
                else errors[nameof(before)] = ["before must be the id of an event (a whole number above 0)."];
            }
            if (errors.Count > 0) return Results.ValidationProblem(errors);

            var log = services.GetService<ReconciliationLog>();
            var store = log?.Store ?? services.GetService<IReconciliationStore>();
            // One more than asked tells whether an older page exists.
            IReadOnlyList<ReconciliationEvent> events = store is null ? [] : await store.GetLatestAsync(count + 1, beforeId, ct);
            var page = events.Take(count).ToList();
            return Results.Ok(new { lastRun = log?.LastRun, events = page, nextBefore = events.Count > count ? page[^1].Id : (long?)null });
        }).WithTags("Portfolio").WithName("GetReconciliation");
        return app;
    }
}
