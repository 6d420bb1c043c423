using WawaTrader.Core.Alerts;

namespace WawaTrader.Web.Api;

public static class AlertEndpoints
{
    /// <summary>
    /// GET /api/alerts?type=&amp;channel=&amp;status=&amp;limit= — the alerts sent or attempted, newest first (type: an alert type such as
    /// Trade; channel: Email or Slack; status: Pending, Sent or Failed; limit 1..1000, default 100; agent: this process's agent when left
    /// out, another's name, or all). POST /api/alerts/test/{email|slack}
    /// — sends a test alert over that channel at once and answers the record: status Sent, or Failed with the exact error
    /// (authentication refused, connection refused, TLS mismatch, webhook not found). No secret is ever part of an answer.
    /// </summary>
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("Alerts");

        group.MapGet("", async (string? type, string? channel, string? status, string? limit, string? agent, AgentViews views, CancellationToken ct) =>
        {
            if (views.Resolve(agent) is not { } view) return AgentViews.Invalid(agent);
            var errors = new Dictionary<string, string[]>();
            var typeValue = ParseEnum<AlertType>(nameof(type), type, errors);
            var channelValue = ParseEnum<AlertChannelKind>(nameof(channel), channel, errors);
            var statusValue = ParseEnum<AlertStatus>(nameof(status), status, errors);
            var count = AlertQuery.DefaultLimit;
            if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, out count) || count < 1 || count > AlertQuery.MaxLimit))
                errors[nameof(limit)] = [$"limit must be a whole number from 1 to {AlertQuery.MaxLimit}."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            return Results.Ok(await view.Alerts.QueryAsync(new AlertQuery(typeValue, channelValue, statusValue, count), ct));
        }).WithName("ListAlerts");

        group.MapPost("/test/{channel}", async (string channel, AlertManager alerts, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (ParseEnum<AlertChannelKind>(nameof(channel), channel, errors) is not { } kind) return Results.ValidationProblem(errors);
            return Results.Ok(await alerts.SendTestAsync(kind, ct));
        }).WithName("SendTestAlert");

        return app;
    }

    private static T? ParseEnum<T>(string name, string? text, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
        errors[name] = [$"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}."];
        return null;
    }
}
