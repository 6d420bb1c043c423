using Microsoft.Extensions.Options;
using System.Globalization;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Web.Api;

public static class LlmEndpoints
{
    /// <summary>Longest calibration horizon the scorecard accepts, in bars.</summary>
    public const int MaxHorizon = 500;

    /// <summary>
    /// GET /api/llm/interactions?symbol=&amp;model=&amp;outcome=&amp;from=&amp;to=&amp;q=&amp;limit= (newest first; from inclusive,
    /// to exclusive, ISO 8601, UTC unless an offset is given) and GET /api/llm/scorecard?from=&amp;horizon= (horizon in bars, default 5).
    /// Bad parameters are a validation problem naming each one.
    /// </summary>
    public static IEndpointRouteBuilder MapLlmEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/llm").WithTags("LLM");

        // The model's state (Online, Degraded, Offline, CircuitOpen, Disabled) with latency percentiles and counters.
        group.MapGet("/status", (LlmHealth health, IOptionsMonitor<LlmOptions> options) => Results.Ok(new
        {
            enabled = options.CurrentValue.Enabled,
            model = options.CurrentValue.Model,
            endpoint = LlmEndpoint.Redact(options.CurrentValue.Endpoint),
            health = health.Current,
        })).WithName("GetLlmStatus");

        group.MapGet("/interactions", async (string? symbol, string? model, string? outcome, string? from, string? to, string? q, string? limit,
            string? agent, AgentViews views, CancellationToken ct) =>
        {
            if (views.Resolve(agent) is not { } view) return AgentViews.Invalid(agent);
            var errors = new Dictionary<string, string[]>();
            var outcomeValue = ParseOutcome(outcome, errors);
            var fromTime = ParseTime(nameof(from), from, errors);
            var toTime = ParseTime(nameof(to), to, errors);
            var count = ParseInt(nameof(limit), limit, LlmInteractionQuery.DefaultLimit, 1, LlmInteractionQuery.MaxLimit, errors);
            if (fromTime > toTime) errors[nameof(to)] = ["to must be after from."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);

            var query = new LlmInteractionQuery(
                Symbol: string.IsNullOrWhiteSpace(symbol) ? null : symbol.Trim().ToUpperInvariant(),
                Model: string.IsNullOrWhiteSpace(model) ? null : model.Trim(),
                Outcome: outcomeValue, From: fromTime, To: toTime,
                Text: string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
                Limit: count);
            var interactions = await view.Interactions.QueryAsync(query, ct);
            return Results.Ok(interactions.Select(LlmInteractionDto.From));
        }).WithName("ListLlmInteractions");

        group.MapGet("/scorecard", async (string? from, string? horizon, string? agent, AgentViews views, CancellationToken ct) =>
        {
            if (views.Resolve(agent) is not { } view) return AgentViews.Invalid(agent);
            var errors = new Dictionary<string, string[]>();
            var fromTime = ParseTime(nameof(from), from, errors);
            var bars = ParseInt(nameof(horizon), horizon, LlmScorecardCalculator.DefaultHorizonBars, 1, MaxHorizon, errors);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            return Results.Ok(await view.Interactions.GetScorecardAsync(fromTime, bars, ct));
        }).WithName("GetLlmScorecard");

        return app;
    }

    private static LlmOutcome? ParseOutcome(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text, out _) && Enum.TryParse<LlmOutcome>(text.Trim(), ignoreCase: true, out var outcome)) return outcome;
        errors["outcome"] = [$"outcome must be one of {string.Join(", ", Enum.GetNames<LlmOutcome>())}."];
        return null;
    }

    private static DateTime? ParseTime(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.UtcDateTime;
        errors[name] = [$"{name} must be an ISO 8601 date or date and time (UTC unless an offset is given)."];
        return null;
    }

    private static int ParseInt(string name, string? text, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[name] = [$"{name} must be an integer between {min} and {max}."];
        return fallback;
    }
}
