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
        return services;
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

    /// <summary>Answers a request whose body (or a route or query value) could not be bound with a 400 validation problem.</summary>
    private sealed class BadBodyHandler(IOptions<JsonOptions> json, IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad) return false;
            var errors = new Dictionary<string, string[]>();
            if (bad.InnerException is JsonException jsonError)
            {
                var (member, message) = Describe(jsonError, json.Value.SerializerOptions);
                errors[member] = [message];
            }
            else errors[""] = [bad.Message];
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
