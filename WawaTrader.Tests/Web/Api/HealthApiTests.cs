using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WawaTrader.Tests.Core.Analysis.Llm;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Fakes;
using WawaTrader.Web.Security;

namespace WawaTrader.Tests.Web.Api;

public abstract class HealthApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : HealthApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : HealthApiTests(TestProvider.Postgres);

    private static readonly string[] ReadinessChecks = ["database", "database-migrations", "journal", "broker", "market-data", "model"];

    [Fact]
    public async Task Liveness_answers_200_with_the_process_check()
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["self"], Checks(body).Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Readiness_is_healthy_on_the_embedded_defaults_with_the_model_disabled()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = Checks(body);
        Assert.Equal(ReadinessChecks, checks.Select(c => c.GetProperty("name").GetString()));
        Assert.All(checks, c =>
        {
            Assert.Equal("Healthy", c.GetProperty("status").GetString());
            Assert.True(c.GetProperty("durationMs").GetDouble() >= 0);
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("reason").GetString()));
        });
        Assert.Contains("disabled", Check(body, "model").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Readiness_is_degraded_not_unhealthy_when_the_enabled_model_server_is_unreachable()
    {
        await using var app = App(new Dictionary<string, string?>
        {
            ["Llm:Enabled"] = "true",
            ["Llm:Endpoint"] = $"http://127.0.0.1:{LlmHarness.UnusedPort()}/v1",
        });
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status); // Degraded still serves: the agent trades on technical analysis alone
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var model = Check(body, "model");
        Assert.Equal("Degraded", model.GetProperty("status").GetString());
        // "unreachable" from the probe, or "circuit open" once the agent's own calls have tripped the breaker.
        Assert.Contains("technical analysis", model.GetProperty("reason").GetString());
        Assert.All(Checks(body).Where(c => c.GetProperty("name").GetString() != "model"),
            c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Readiness_is_healthy_when_the_enabled_model_server_answers()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var app = App(new Dictionary<string, string?>
        {
            ["Llm:Enabled"] = "true",
            ["Llm:Endpoint"] = model.BaseUrl,
            ["Llm:Model"] = FakeOpenAiServer.ModelId,
            ["Trading:StartOnLaunch"] = "false",
        });
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        var check = Check(body, "model");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Contains("answers (HTTP 200)", check.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Readiness_is_unhealthy_with_503_when_the_database_is_gone()
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);

        // The SQLite file deleted, or the PostgreSQL database dropped under the running app.
        if (app.ConnectionString is null) Directory.Delete(app.DataFolder, recursive: true);
        else await TestPostgres.DropDatabaseAsync(app.ConnectionString);
        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Check(body, "database").GetProperty("status").GetString());
        Assert.Contains("cannot be reached", Check(body, "database-migrations").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Api_health_keeps_its_fields_and_gains_the_readiness_checks()
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/api/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Stopped", body.GetProperty("agent").GetString());
        Assert.Equal("Simulated", body.GetProperty("market").GetString());
        Assert.Equal("Paper", body.GetProperty("broker").GetString());
        Assert.Equal(ReadinessChecks, Checks(body).Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("Stopped", Check(body, "market-data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task With_an_access_token_liveness_stays_open_while_readiness_and_metrics_need_the_token()
    {
        const string token = "t0k3n-Health-4-Tests-71c9e2";
        await using var app = App(new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:5000",
            ["AllowedHosts"] = "*",
            ["Trading:StartOnLaunch"] = "false",
            [SecurityOptions.AccessTokenVariable] = token,
        });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static List<JsonElement> Checks(JsonElement body) => [.. body.GetProperty("checks").EnumerateArray()];

    private static JsonElement Check(JsonElement body, string name) => Checks(body).Single(c => c.GetProperty("name").GetString() == name);
}
