using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Trading;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace WawaTrader.Web.Api;

public static class ExportEndpoints
{
    /// <summary>What can be exported, as named in the route.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["trades", "decisions", "llm", "snapshots"];

    /// <summary>The formats, as named in <c>?format=</c>.</summary>
    public static readonly IReadOnlyList<string> Formats = ["csv", "json"];

    /// <summary>
    /// GET /api/export/{trades|decisions|llm|snapshots}?format=csv|json&amp;from=&amp;to= — a download (Content-Disposition
    /// attachment, <c>wawatrader-{kind}-{yyyyMMdd}.{format}</c> dated today, UTC). <c>from</c> inclusive and <c>to</c> exclusive,
    /// ISO 8601 dates or times; <c>agent</c> this process's agent when left out, another's name, or all; UTC unless an offset is given, wall time (a trade by its order's submission time). Rows are
    /// oldest first and written as they are read (the model interactions are read in one go; a prompt not kept for a repeated
    /// failure is named by a note saying which decision's call kept it). Bad parameters are a
    /// validation problem naming each one.
    /// </summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export/{kind}", (string kind, string? format, string? from, string? to, string? agent, AgentViews views,
            TimeProvider time, IOptions<HttpJsonOptions> json, CancellationToken ct) =>
        {
            if (views.Resolve(agent) is not { } view) return AgentViews.Invalid(agent);
            var (journal, llm) = (view.Journal, view.Interactions);
            var errors = new Dictionary<string, string[]>();
            var kindName = kind.Trim().ToLowerInvariant();
            var formatName = string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant();
            if (!Kinds.Contains(kindName)) errors[nameof(kind)] = [$"kind must be one of {string.Join(", ", Kinds)}."];
            if (!Formats.Contains(formatName)) errors[nameof(format)] = [$"format must be one of {string.Join(", ", Formats)}."];
            var fromTime = ParseTime(nameof(from), from, errors);
            var toTime = ParseTime(nameof(to), to, errors);
            if (fromTime > toTime) errors[nameof(to)] = ["to must not be before from."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);

            var fileName = $"wawatrader-{kindName}-{time.GetUtcNow():yyyyMMdd}.{formatName}";
            var csv = formatName == "csv";
            var options = json.Value.SerializerOptions;
            Func<Stream, Task> write = kindName switch
            {
                "trades" => csv
                    ? s => Csv.WriteAsync(s, ExportKinds.TradeHeader, journal.StreamTradesAsync(fromTime, toTime, ct), ExportKinds.TradeFields, ct)
                    : s => JsonSerializer.SerializeAsync(s, journal.StreamTradesAsync(fromTime, toTime, ct), options, ct),
                "decisions" => csv
                    ? s => Csv.WriteAsync(s, ExportKinds.DecisionHeader, journal.StreamDecisionsAsync(fromTime, toTime, ct), ExportKinds.DecisionFields, ct)
                    : s => JsonSerializer.SerializeAsync(s, Select(journal.StreamDecisionsAsync(fromTime, toTime, ct), DecisionDetailDto.From, ct), options, ct),
                "llm" => async s =>
                {
                    var keepers = await llm.GetPromptKeepersAsync(fromTime, toTime, ct);
                    var rows = InteractionsAsync(llm, fromTime, toTime, ct);
                    await (csv
                        ? Csv.WriteAsync(s, ExportKinds.LlmHeader, rows, i => ExportKinds.LlmFields(i, keepers), ct)
                        : JsonSerializer.SerializeAsync(s, Select(rows, i => LlmInteractionDto.From(i) with { PromptNote = ExportKinds.PromptNote(i, keepers) }, ct), options, ct));
                },
                _ => csv
                    ? s => Csv.WriteAsync(s, ExportKinds.SnapshotHeader, journal.StreamSnapshotsAsync(fromTime, toTime, ct), ExportKinds.SnapshotFields, ct)
                    : s => JsonSerializer.SerializeAsync(s, journal.StreamSnapshotsAsync(fromTime, toTime, ct), options, ct),
            };
            var contentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            return Results.Stream(write, contentType, fileName);
        }).WithTags("Exports").WithName("Export");
        return app;
    }

    /// <summary>
    /// The download link for a kind and format over whole UTC days: <paramref name="firstDay"/> to <paramref name="lastDay"/>
    /// inclusive (either null for open), as the pages' date pickers give them.
    /// </summary>
    public static string Link(string kind, string format, DateTime? firstDay, DateTime? lastDay, string? agent = null)
    {
        var query = new List<string> { $"format={Uri.EscapeDataString(format)}" };
        if (firstDay is { } first) query.Add($"from={first.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        if (lastDay is { } last) query.Add($"to={last.Date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        if (!string.IsNullOrEmpty(agent)) query.Add($"agent={Uri.EscapeDataString(agent)}");
        return $"/api/export/{Uri.EscapeDataString(kind)}?{string.Join('&', query)}";
    }

    private static async IAsyncEnumerable<LlmInteraction> InteractionsAsync(
        ILlmInteractionStore store, DateTime? from, DateTime? to, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var interaction in await store.GetSinceAsync(from, ct))
        {
            if (to is { } end && interaction.Time >= end) break;
            yield return interaction;
        }
    }

    private static async IAsyncEnumerable<TOut> Select<TIn, TOut>(
        IAsyncEnumerable<TIn> source, Func<TIn, TOut> map, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in source.WithCancellation(ct)) yield return map(item);
    }

    private static DateTime? ParseTime(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.UtcDateTime;
        errors[name] = [$"{name} must be an ISO 8601 date or date and time (UTC unless an offset is given)."];
        return null;
    }
}
