using Microsoft.Net.Http.Headers;

namespace WawaTrader.Web.Security;

/// <summary>
/// Refuses state-changing API requests (POST, PUT, PATCH, DELETE under <c>/api</c>) that a foreign web page could make: a
/// localhost app is reachable from every page its user opens, and a plain form post or a no-cors <c>fetch</c> needs no
/// permission to be sent. A request is refused with 403 when the browser says it comes from another site
/// (<c>Sec-Fetch-Site</c> other than <c>same-origin</c> or <c>none</c>) or names another origin (<c>Origin</c> that is not
/// this scheme, host and port, or <c>null</c>); a request with a body must be JSON or carry an <c>X-Requested-With</c>
/// header (415 otherwise), since a form can send neither. Scripts and tools (curl, the CLI) send no Origin and pass.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next)
{
    public const string CustomHeader = "X-Requested-With";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsStateChanging(request)) return next(context);
        if (CrossSiteReason(request) is { } reason)
            return Results.Problem(title: "Cross-site request refused", detail: reason, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        if (!HasAcceptableBody(request))
            return Results.Problem(
                title: "Unsupported content type",
                detail: $"A request to {request.Path} with a body must send Content-Type: application/json (or an {CustomHeader} header); '{request.ContentType}' is what a web form sends.",
                statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context);
        return next(context);
    }

    private static bool IsStateChanging(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method));

    /// <summary>Why the browser's own headers show another site, or null when they do not.</summary>
    internal static string? CrossSiteReason(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase))
            return $"The browser marked this request as {site} (Sec-Fetch-Site); only this app's own pages may change its state.";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The request comes from {origin}, not from {own}; only this app's own pages may change its state.";
    }

    private static bool HasAcceptableBody(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType)) return true; // no body type: nothing a form could have sent
        if (request.Headers.ContainsKey(CustomHeader)) return true;
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
    }
}
