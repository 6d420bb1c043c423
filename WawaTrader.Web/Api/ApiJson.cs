using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace WawaTrader.Web.Api;

/// <summary>
/// How the REST API reads and writes JSON: enums as text, and a body member the endpoint does not know refused (a misspelt
/// <c>parameters</c> for <c>params</c> must not run on the defaults without a word). A body that cannot be read at all answers a
/// 400 validation problem naming the member and what is wrong with it, never a bare 400 or a 500.
/// </summary>
public static class ApiJson
{
    /// <summary>The HTTP JSON options and the handler that turns an unreadable body into a 400 validation problem.</summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // Minimal APIs then throw on a body they cannot bind, so the handler below can answer it with problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadBodyHandler>();
        // The API's JSON bodies are kept readable after binding, so a refused body can be read again for every unknown member.
        services.AddTransient<IStartupFilter, BufferApiBodies>();
        return services;
    }

    /// <summary>
    /// Every member of <paramref name="body"/> (and of the objects inside it, by the members' declared types) that
    /// <paramref name="type"/> does not have, keyed by its path (<c>parameters</c>, <c>walkForward.testBar</c>), each with the
    /// members the object does have. Empty when all are known.
    /// </summary>
    public static Dictionary<string, string[]> UnknownMembers(JsonElement body, Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, string[]>();
        Walk(body, type, "", options, errors);
        return errors;
    }

    private static void Walk(JsonElement element, Type type, string prefix, JsonSerializerOptions options, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object) return;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        System.Text.Json.Serialization.Metadata.JsonTypeInfo info;
        try { info = options.GetTypeInfo(target); }
        catch (NotSupportedException) { return; }
        if (info.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object) return;
        var comparison = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        foreach (var member in element.EnumerateObject())
        {
            var property = info.Properties.FirstOrDefault(p => comparison.Equals(p.Name, member.Name));
            if (property is null)
                errors[prefix + member.Name] = [$"'{member.Name}' is not a member of this body; the members are {string.Join(", ", info.Properties.Select(p => p.Name))}."];
            else Walk(member.Value, property.PropertyType, $"{prefix}{member.Name}.", options, errors);
        }
    }

    /// <summary>The member and message of a body that could not be read: <c>parameters</c> → "'parameters' is not a member of this
    /// body; the members are ..." (those of the object it appeared in).</summary>
    public static (string Member, string Message) Describe(JsonException exception, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        var path = exception.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : exception.Path is "$" ? "" : exception.Path ?? "";
        if (exception.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var known = ObjectType(exception.Message) is { } type ? KnownMembers(type, options) : null;
            var name = path.Length > 0 ? path : "body";
            return (name, $"'{LastSegment(name)}' is not a member of this body" + (known is null ? "." : $"; the members are {string.Join(", ", known)}."));
        }
        if (exception.InnerException is FormatException or InvalidOperationException || exception.Message.Contains("could not be converted", StringComparison.Ordinal))
            return (path, path.Length == 0 ? "The body must be a JSON object of this endpoint's members." : $"{path} has a value of the wrong type.");
        return (path, $"The body is not valid JSON: {exception.Message.Split(" Path:", 2)[0]}");
    }

    private static IEnumerable<string>? KnownMembers(Type type, JsonSerializerOptions options)
    {
        try
        {
            var info = options.GetTypeInfo(type);
            return info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object ? info.Properties.Select(p => p.Name) : null;
        }
        catch (NotSupportedException) { return null; }
    }

    /// <summary>The type System.Text.Json names in its message ("... contained in type 'WawaTrader.Web.Backtesting.BacktestOrder'").</summary>
    private static Type? ObjectType(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"type '([^']+)'");
        if (!match.Success) return null;
        var name = match.Groups[1].Value;
        return AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name, throwOnError: false)).FirstOrDefault(t => t is not null);
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];

    /// <summary>Every unknown member of the request's body, read again from the start (kept by <see cref="BufferApiBodies"/>)
    /// against the endpoint's body type; null when either is not at hand.</summary>
    private static async Task<Dictionary<string, string[]>?> AllUnknownAsync(HttpContext context, JsonSerializerOptions options)
    {
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        if (bodyType is null || !context.Request.Body.CanSeek) return null;
        try
        {
            context.Request.Body.Position = 0;
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return UnknownMembers(document.RootElement, bodyType, options);
        }
        catch (JsonException) { return null; }
    }

    /// <summary>Keeps the bodies of JSON requests to <c>/api</c> readable again (memory, then a temporary file past 30 KB).</summary>
    private sealed class BufferApiBodies : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/api") && context.Request.HasJsonContentType()) context.Request.EnableBuffering();
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Answers a request whose JSON body could not be bound with a 400 validation problem naming the members; any
    /// other request that could not be bound (a query value of the wrong type, a body too large) with problem details and the
    /// status the server chose.</summary>
    private sealed class BadBodyHandler(IOptions<JsonOptions> json, IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad) return false;
            if (bad.InnerException is not JsonException jsonError)
            {
                // Not the JSON (a body too large, a query value of the wrong type): the status the server chose, with its reason.
                httpContext.Response.StatusCode = bad.StatusCode;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = bad.StatusCode, Title = "The request cannot be read", Detail = bad.Message },
                    Exception = exception,
                });
            }
            var options = json.Value.SerializerOptions;
            var (member, message) = Describe(jsonError, options);
            var all = await AllUnknownAsync(httpContext, options);
            var errors = all is { Count: > 0 } && all.ContainsKey(member) ? all : new Dictionary<string, string[]> { [member] = [message] };
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            var details = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request cannot be read: " + string.Join(", ", errors.Keys.Select(k => k.Length == 0 ? "body" : k)) + ".",
            };
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
        }
    }
}
