using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace WawaTrader.Web.Security;

/// <summary>
/// When an access token is set (required off loopback), every request but <c>/health/live</c> must show it: the API as
/// <c>Authorization: Bearer TOKEN</c>, pages through the HttpOnly, SameSite=Strict cookie that <c>/access</c> sets once the
/// token is typed in. A page request without it is sent to <c>/access</c>; an API request gets 401 problem details. Wrong
/// tokens count against the client's address (<see cref="FailedTokenLimiter"/>: 429 with Retry-After past the limit).
/// </summary>
public sealed class AccessTokenGate(RequestDelegate next, IOptions<SecurityOptions> options, IConfiguration configuration, FailedTokenLimiter limiter)
{
    public const string CookieName = "wawatrader-access";
    public const string AccessPath = "/access";
    private readonly AccessToken? _token = AccessToken.Create(options.Value, configuration);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_token is null || context.Request.Path.StartsWithSegments("/health/live"))
        {
            await next(context);
            return;
        }
        var client = context.Connection.RemoteIpAddress;
        if (context.Request.Path.StartsWithSegments(AccessPath))
        {
            await AccessPageAsync(context, client);
            return;
        }
        if (_token.MatchesCookie(context.Request.Cookies[CookieName]))
        {
            await next(context);
            return;
        }
        var bearer = Bearer(context.Request);
        if (bearer is not null)
        {
            if (limiter.RetryAfter(client) is { } wait)
            {
                await TooManyAsync(context, wait);
                return;
            }
            if (_token.Matches(bearer))
            {
                await next(context);
                return;
            }
            limiter.RecordFailure(client);
            await Results.Problem(title: "Access token refused", detail: "The bearer token is not this app's access token.", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api") || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(title: "Access token required",
                detail: $"This app listens beyond loopback: send Authorization: Bearer <the token in {SecurityOptions.AccessTokenVariable}>.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        context.Response.Redirect($"{AccessPath}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
    }

    private async Task AccessPageAsync(HttpContext context, IPAddress? client)
    {
        var returnUrl = LocalOrRoot(context.Request.Query["returnUrl"].ToString());
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await PageAsync(context, returnUrl, StatusCodes.Status200OK, message: null);
            return;
        }
        if (limiter.RetryAfter(client) is { } wait)
        {
            await TooManyAsync(context, wait);
            return;
        }
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (!_token!.Matches(form?["token"].ToString()))
        {
            limiter.RecordFailure(client);
            await PageAsync(context, returnUrl, StatusCodes.Status401Unauthorized, "That is not the access token.");
            return;
        }
        context.Response.Cookies.Append(CookieName, _token.CookieValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
        });
        context.Response.Redirect(returnUrl);
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Only a path on this site (never <c>//evil.example</c> or an absolute URL): no open redirect.</summary>
    private static string LocalOrRoot(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static Task TooManyAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "Too many wrong access tokens", detail: $"Try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }

    private static Task PageAsync(HttpContext context, string returnUrl, int status, string? message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var note = message is null ? "" : $"<p role=\"alert\" style=\"color:#b00020\">{WebUtility.HtmlEncode(message)}</p>";
        return context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>WawaTrader — access token</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem">
            <h1 style="font-size:1.4rem">WawaTrader</h1>
            <p>This workstation listens beyond this computer. Enter its access token (the value of {{SecurityOptions.AccessTokenVariable}}).</p>
            {{note}}
            <form method="post" action="{{AccessPath}}?returnUrl={{Uri.EscapeDataString(returnUrl)}}">
            <label for="token">Access token</label><br>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus style="width:100%;padding:.4rem;margin:.4rem 0">
            <button type="submit" style="padding:.4rem 1rem">Open WawaTrader</button>
            </form></body></html>
            """, context.RequestAborted);
    }
}
