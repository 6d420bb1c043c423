using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WawaTrader.Web.Security;

namespace WawaTrader.Tests.Web.Security;

/// <summary>
/// The access token in front of the API. SQLite only: the token check answers before any endpoint touches the database and keeps
/// its failure count in memory, so a second provider would only repeat the same requests (the stored-state security tests, cross-site,
/// body limit, fuzz and secrets, run on both).
/// </summary>
public sealed class AccessTokenTests
{
    private const string Token = "t0k3n-Planted-4-Tests-8c1f2a";

    private static WawaTraderAppFactory OnAllInterfaces(string? token, int? maxFailures = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:5000",
            ["AllowedHosts"] = "*",
            ["Trading:StartOnLaunch"] = "false",
        };
        if (token is not null) settings[SecurityOptions.AccessTokenVariable] = token;
        if (maxFailures is not null) settings["Security:MaxFailedTokensPerMinute"] = maxFailures.ToString();
        return new WawaTraderAppFactory(settings);
    }

    [Fact]
    public void Listening_beyond_loopback_without_a_token_is_refused_with_what_to_set()
    {
        var result = Validate(urls: "http://0.0.0.0:5000", token: null);

        Assert.True(result.Failed);
        Assert.Contains("http://0.0.0.0:5000", result.FailureMessage);
        Assert.Contains(SecurityOptions.AccessTokenVariable, result.FailureMessage);
    }

    [Fact]
    public void A_token_too_short_to_be_secret_is_refused() =>
        Assert.Contains("at least 16", Validate(urls: "http://0.0.0.0:5000", token: "short").FailureMessage);

    [Theory]
    [InlineData("http://127.0.0.1:5000", null)]
    [InlineData("http://localhost:5000;http://[::1]:5001", null)]
    [InlineData("http://0.0.0.0:5000", Token)]
    public void Loopback_or_a_long_token_is_accepted(string urls, string? token) =>
        Assert.True(Validate(urls, token).Succeeded);

    private static ValidateOptionsResult Validate(string urls, string? token)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, [SecurityOptions.AccessTokenVariable] = token }).Build();
        return new SecurityOptionsValidator(configuration).Validate(null, new SecurityOptions());
    }

    [Fact]
    public async Task The_api_needs_the_bearer_token_and_refuses_a_wrong_one()
    {
        await using var app = OnAllInterfaces(Token);
        using var client = app.CreateClient();

        var anonymous = await client.GetAsync("/api/agent");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/agent") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } };
        var refused = await client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/agent") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        var allowed = await client.SendAsync(right);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.DoesNotContain(Token, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_ask_for_the_token_once_and_keep_it_in_an_http_only_strict_cookie()
    {
        await using var app = OnAllInterfaces(Token);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var page = await client.GetAsync("/decisions");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/access?returnUrl=%2Fdecisions", page.Headers.Location?.OriginalString);
        var form = await client.GetStringAsync("/access?returnUrl=%2Fdecisions");
        Assert.Contains("name=\"token\"", form);

        var wrong = await client.PostAsync("/access?returnUrl=%2Fdecisions", new FormUrlEncodedContent([new("token", "not-the-token-at-all")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var login = await client.PostAsync("/access?returnUrl=%2Fdecisions", new FormUrlEncodedContent([new("token", Token)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/decisions", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, cookie);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/decisions")).StatusCode);
        Assert.Equal("Stopped", (await client.GetFromJsonAsync<JsonElement>("/api/agent")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_return_address_after_the_token_stays_on_this_site()
    {
        await using var app = OnAllInterfaces(Token);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var login = await client.PostAsync("/access?returnUrl=%2F%2Fevil.example%2F", new FormUrlEncodedContent([new("token", Token)]));

        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Guessing_is_rate_limited_even_for_the_right_token()
    {
        await using var app = OnAllInterfaces(Token, maxFailures: 3);
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Get, "/api/agent") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", $"guess-number-{i:D8}") } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(guess)).StatusCode);
        }

        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/agent") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        var limited = await client.SendAsync(right);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task On_loopback_no_token_is_asked_for()
    {
        await using var app = new WawaTraderAppFactory();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/agent")).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("https://trader.example.com", false)]
    public void Tells_loopback_from_reachable_addresses(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));
}
