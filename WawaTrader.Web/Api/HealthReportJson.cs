using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WawaTrader.Web.Api;

/// <summary>A health report as JSON: overall status and duration, and each check's name, status, duration, reason and data.
/// Durations in milliseconds.</summary>
public static class HealthReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The checks of <paramref name="report"/>, in registration order.</summary>
    public static IReadOnlyList<HealthCheckDto> Checks(HealthReport report) =>
        [.. report.Entries.Select(e => new HealthCheckDto(
            e.Key,
            e.Value.Status.ToString(),
            Math.Round(e.Value.Duration.TotalMilliseconds, 2),
            Reason(e.Value),
            e.Value.Data.Count == 0 ? null : e.Value.Data))];

    /// <summary>Writes <paramref name="report"/> (the response writer of <c>MapHealthChecks</c>).</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 2),
            checks = Checks(report),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Options, context.RequestAborted);
    }

    /// <summary>The check's own description, else its exception's message, else its status said in words.</summary>
    private static string Reason(HealthReportEntry entry) =>
        entry.Description ?? entry.Exception?.Message ?? (entry.Status == HealthStatus.Healthy ? "OK" : $"The check reported {entry.Status} without a reason.");
}

/// <summary>One check's result: <see cref="DurationMs"/> in milliseconds; <see cref="Data"/> as the check reported it, or null.</summary>
public sealed record HealthCheckDto(string Name, string Status, double DurationMs, string Reason, IReadOnlyDictionary<string, object>? Data);
