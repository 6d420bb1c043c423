using System.Text.Json;
using System.Text.Json.Nodes;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Web.Api;

public static class SettingsEndpoints
{
    /// <summary>Read-only members of a category's JSON object; a PUT of what GET returned ignores them.</summary>
    public const string OverriddenMember = "overridden";
    public const string ProblemsMember = "problems";

    /// <summary>
    /// GET /api/settings (category names); GET /api/settings/{category} (the effective values as a camelCase object, each secret only
    /// as <c>{name}Set</c>, plus <c>overridden</c>: keys set by the environment, and <c>problems</c>: stored values not applied);
    /// PUT /api/settings/{category} (the same object; fields left out keep their value, a secret's "" clears it; validated as a
    /// whole, 400 validation problem per camelCase field otherwise); GET /api/settings/history?category=&amp;limit= (newest first);
    /// POST /api/settings/history/{id}/revert. Category names are case-insensitive; an unknown one is a 404 problem.
    /// </summary>
    public static IEndpointRouteBuilder MapSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/settings").WithTags("Settings");

        group.MapGet("", () => SettingsCategories.All.Select(c => c.Name)).WithName("ListSettingsCategories");

        group.MapGet("/history", async (string? category, int? limit, SettingsService settings, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!string.IsNullOrWhiteSpace(category) && SettingsCategories.Find(category.Trim()) is null)
                errors["category"] = [$"category must be one of {Names}."];
            if (limit is < 1 or > 1000) errors["limit"] = ["limit must be between 1 and 1000."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            return Results.Ok(await settings.GetHistoryAsync(string.IsNullOrWhiteSpace(category) ? null : category.Trim(), limit ?? 100, ct));
        }).WithName("GetSettingsHistory");

        group.MapPost("/history/{id:long}/revert", async (long id, SettingsService settings, CancellationToken ct) =>
        {
            var result = await settings.RevertAsync(id, ct);
            if (result is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown settings change", detail: $"There is no settings change {id}.");
            if (!result.Succeeded) return Results.ValidationProblem(ToCamelCase(SettingsCategories.Find(result.Changes.FirstOrDefault()?.Category), result.Errors));
            return Results.Ok(result.Changes);
        }).WithName("RevertSettingsChange");

        group.MapGet("/{category}", (string category, SettingsService settings) =>
            SettingsCategories.Find(category) is { } found ? Results.Ok(ToJson(settings.Get(found))) : UnknownCategory(category))
            .WithName("GetSettings");

        group.MapPut("/{category}", async (string category, JsonElement body, SettingsService settings, CancellationToken ct) =>
        {
            if (SettingsCategories.Find(category) is not { } found) return UnknownCategory(category);
            var (changes, errors) = FromJson(found, body);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var result = await settings.SaveAsync(found, changes, SettingSource.Api, ct);
            if (!result.Succeeded) return Results.ValidationProblem(ToCamelCase(found, result.Errors));
            return Results.Ok(ToJson(settings.Get(found)));
        }).WithName("PutSettings");

        return app;
    }

    /// <summary>The category's JSON object: values (camelCase), <c>{secret}Set</c>, <c>overridden</c>, <c>problems</c>.</summary>
    public static JsonObject ToJson(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var json = new JsonObject();
        foreach (var value in snapshot.Values)
        {
            if (value.Field.IsSecret) json[value.Field.JsonName + "Set"] = value.IsSet;
            else json[value.Field.JsonName] = JsonSerializer.SerializeToNode(value.Value, value.Field.Type, SettingValues.Json);
        }
        json[OverriddenMember] = new JsonArray([.. snapshot.Values.Where(v => v.IsOverridden).Select(v => (JsonNode)v.Field.JsonName)]);
        json[ProblemsMember] = new JsonArray([.. snapshot.Problems.Select(p => (JsonNode)new JsonObject
        {
            ["field"] = snapshot.Category.Field(p.Field)?.JsonName ?? p.Field,
            ["message"] = p.Message,
        })]);
        return json;
    }

    /// <summary>Reads a PUT body into configuration strings per field; conversion errors per camelCase field, naming the setting by
    /// its label and key ("Largest position, % of equity (Risk:MaxPositionPct) must be a number.").</summary>
    public static (Dictionary<string, string?> Changes, Dictionary<string, string[]> Errors) FromJson(SettingsCategory category, JsonElement body)
    {
        ArgumentNullException.ThrowIfNull(category);
        var changes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[""] = [$"The body must be a JSON object with the {category.Name} settings."];
            return (changes, errors);
        }
        foreach (var member in body.EnumerateObject())
        {
            var field = category.Field(member.Name);
            if (field is null)
            {
                if (IsReadOnlyMember(category, member.Name)) continue;
                errors[member.Name] = [$"{category.Name}:{member.Name} is not a setting of {category.Name}."];
            }
            else if (field.IsSecret)
            {
                if (member.Value.ValueKind == JsonValueKind.Null) continue;
                if (member.Value.ValueKind == JsonValueKind.String) changes[field.Name] = member.Value.GetString();
                else errors[field.JsonName] = [$"{field.Named} must be text."];
            }
            else if (SettingValues.TryFromJson(member.Value, field.Type, field.Named, out var text, out var error))
            {
                changes[field.Name] = text;
            }
            else
            {
                errors[field.JsonName] = [error!];
            }
        }
        return (changes, errors);
    }

    private static bool IsReadOnlyMember(SettingsCategory category, string name) =>
        string.Equals(name, OverriddenMember, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, ProblemsMember, StringComparison.OrdinalIgnoreCase)
        || category.Fields.Any(f => f.IsSecret && string.Equals(name, f.JsonName + "Set", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string[]> ToCamelCase(SettingsCategory? category, IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => category?.Field(e.Key)?.JsonName ?? JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value);

    private static IResult UnknownCategory(string category) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown settings category",
            detail: $"There is no settings category '{category}'; the categories are {Names}.");

    private static string Names => string.Join(", ", SettingsCategories.All.Select(c => c.Name));
}
