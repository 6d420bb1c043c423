using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Security;

public abstract class CrossSiteRequestGuardTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : CrossSiteRequestGuardTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : CrossSiteRequestGuardTests(TestProvider.Postgres);

    private static readonly string[] Unsafe = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task Every_state_changing_endpoint_refuses_a_foreign_page_and_nothing_changes()
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "true" });
        using var client = app.CreateClient();
        var endpoints = ApiRoutes.Find(app.Services, Unsafe, ["/api/"]);
        Assert.Contains(endpoints, e => e is ("POST", "/api/agent/stop"));
        Assert.Contains(endpoints, e => e.Method == "PUT" && e.Path.StartsWith("/api/settings/", StringComparison.Ordinal));

        foreach (var (method, path) in endpoints)
        {
            // What a plain HTML form (or a no-cors fetch) on http://evil.example sends.
            using var form = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
            form.Headers.Add("Origin", "http://evil.example");
            form.Headers.Add("Sec-Fetch-Site", "cross-site");
            var refused = await client.SendAsync(form);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

            // A page on another port of the same host is the same site but not the same origin: refused too.
            using var json = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            json.Headers.Add("Origin", "http://localhost:3000");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(json)).StatusCode);
        }

        var agent = await client.GetFromJsonAsync<JsonElement>("/api/agent");
        Assert.Equal("Running", agent.GetProperty("state").GetString());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/settings/history")).GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/backtests")).GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/optimizations")).GetArrayLength());
    }

    [Fact]
    public async Task A_form_content_type_without_origin_is_refused_as_unsupported()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/agent/stop", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Running", (await client.GetFromJsonAsync<JsonElement>("/api/agent")).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(null, null)]                      // curl, the CLI, scripts: no browser headers
    [InlineData("http://localhost", "same-origin")] // the app's own page
    public async Task Own_pages_and_tools_may_change_state(string? origin, string? fetchSite)
    {
        await using var app = App();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agent/stop") { Content = JsonContent.Create(new { }) };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Stopped", (await client.GetFromJsonAsync<JsonElement>("/api/agent")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_foreign_host_header_is_refused_against_dns_rebinding()
    {
        await using var app = App();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agent");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
