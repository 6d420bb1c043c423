using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace WawaTrader.Web.Security;

/// <summary>Refuses a body larger than <see cref="SecurityOptions.MaxRequestBodyBytes"/> with 413 problem details before it is
/// read when its Content-Length says so, and caps the server's own limit for bodies sent without one (chunked).</summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private readonly long _max = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _max)
            return Results.Problem(title: "Request body too large",
                detail: $"The body has {context.Request.ContentLength:N0} bytes; at most {_max:N0} are accepted (setting Security:MaxRequestBodyBytes).",
                statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = _max;
        return next(context);
    }
}
