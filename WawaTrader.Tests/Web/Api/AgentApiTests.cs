using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

public abstract class AgentApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : AgentApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : AgentApiTests(TestProvider.Postgres);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Agent_trades_on_embedded_defaults_and_decisions_are_readable_through_the_api()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var decisions = await WaitForAsync(client, "/api/decisions?limit=20", d => d.GetArrayLength() >= 6);

        var first = decisions[0];
        Assert.True(first.TryGetProperty("id", out _));
        Assert.Contains(first.GetProperty("action").GetString(), new[] { "Buy", "Sell", "Hold" });
        Assert.Equal("Technical", first.GetProperty("source").GetString());
        var checks = first.GetProperty("riskChecks");
        Assert.Equal(5, checks.GetArrayLength());
        Assert.All(checks.EnumerateArray(), c =>
        {
            Assert.False(string.IsNullOrEmpty(c.GetProperty("rule").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("reason").GetString()));
            Assert.Contains(c.GetProperty("waived").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        });
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("reasoning").GetString()));

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/decisions/{first.GetProperty("id").GetString()}");
        Assert.True(detail.GetProperty("indicators").GetProperty("rsi14").GetDouble() is >= 0 and <= 100);
    }

    [Fact]
    public async Task Decisions_are_newest_first_and_filter_by_symbol()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var msft = await WaitForAsync(client, "/api/decisions?symbol=msft&limit=5", d => d.GetArrayLength() >= 2);

        Assert.All(msft.EnumerateArray(), d => Assert.Equal("MSFT", d.GetProperty("symbol").GetString()));
        Assert.True(msft[0].GetProperty("time").GetDateTime() >= msft[1].GetProperty("time").GetDateTime());
    }

    [Fact]
    public async Task Stop_and_start_change_the_agent_state()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var stopped = await (await client.PostAsync("/api/agent/stop", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Stopped", stopped.GetProperty("state").GetString());
        Assert.Equal("Stopped", (await client.GetFromJsonAsync<JsonElement>("/api/agent")).GetProperty("state").GetString());

        var started = await (await client.PostAsync("/api/agent/start", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Running", started.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Kill_switch_stops_the_agent_and_reports_canceled_orders()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var killed = await (await client.PostAsync("/api/agent/kill", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Stopped", killed.GetProperty("state").GetString());
        Assert.Equal("Kill switch through the API", killed.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Number, killed.GetProperty("canceledOrders").ValueKind);
        Assert.Equal("Stopped", (await client.GetFromJsonAsync<JsonElement>("/api/agent")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Portfolio_starts_with_the_paper_cash()
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();

        var portfolio = await client.GetFromJsonAsync<JsonElement>("/api/portfolio");

        Assert.Equal(100_000m, portfolio.GetProperty("cash").GetDecimal());
        Assert.Equal(100_000m, portfolio.GetProperty("equity").GetDecimal());
        Assert.Equal(0, portfolio.GetProperty("positions").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_decision_is_a_problem_details_404()
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/api/decisions/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    public async Task Out_of_range_limit_is_a_validation_problem(int limit)
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/api/decisions?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    internal static async Task<JsonElement> WaitForAsync(HttpClient client, string url, Func<JsonElement, bool> done, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(url);
            if (done(body)) return body;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not reach the expected state within {(patience ?? Patience).TotalSeconds} s; last body: {body}");
            await Task.Delay(100);
        }
    }
}
