using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WawaTrader.Tests.Web.Api;

/// <summary>
/// Two agents in one SQLite file (two app hosts, <c>alpha</c> on AAPL and <c>beta</c> on SPY): GET /api/agents and <c>?agent=</c>
/// on the list endpoints. Unknown agents are empty lists; names that cannot be agents are a validation problem.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AgentsApiTests(AgentsApiTests.TwoAgents agents) : IClassFixture<AgentsApiTests.TwoAgents>
{
    private readonly HttpClient _client = agents.Alpha;

    /// <summary>The two hosts, shared by the tests of the class (they only read).</summary>
    public sealed class TwoAgents : IAsyncLifetime
    {
        private WawaTraderAppFactory _alpha = null!;
        private WawaTraderAppFactory _beta = null!;

        /// <summary>A client of alpha's host.</summary>
        public HttpClient Alpha { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _alpha = new WawaTraderAppFactory(Settings("alpha", "AAPL"));
            _beta = new WawaTraderAppFactory(Settings("beta", "SPY"), _alpha.DataFolder);
            Alpha = _alpha.CreateClient();
            using var beta = _beta.CreateClient();
            await AgentApiTests.WaitForAsync(beta, "/api/decisions?limit=5", d => d.GetArrayLength() >= 2);
            await AgentApiTests.WaitForAsync(Alpha, "/api/decisions?limit=5", d => d.GetArrayLength() >= 2);
        }

        public async Task DisposeAsync()
        {
            Alpha.Dispose();
            await _beta.DisposeAsync();
            await _alpha.DisposeAsync();
        }
    }

    [Fact]
    public async Task Agents_lists_both_agents_running_with_this_processs_marked_current()
    {
        var agents = (await _client.GetFromJsonAsync<JsonElement>("/api/agents")).EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);

        Assert.Equal(["alpha", "beta"], agents.Keys.Order());
        Assert.All(agents.Values, a => Assert.Equal("running", a.GetProperty("state").GetString()));
        Assert.True(agents["alpha"].GetProperty("current").GetBoolean());
        Assert.False(agents["beta"].GetProperty("current").GetBoolean());
        Assert.True(agents["beta"].GetProperty("decisions").GetInt64() >= 2);
        Assert.Equal(Environment.MachineName, agents["beta"].GetProperty("host").GetString());
        Assert.NotEqual(JsonValueKind.Null, agents["beta"].GetProperty("lastDecisionAt").ValueKind);
        Assert.Equal("alpha", (await _client.GetFromJsonAsync<JsonElement>("/api/agent")).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("", "AAPL")]
    [InlineData("&agent=alpha", "AAPL")]
    [InlineData("&agent=beta", "SPY")]
    [InlineData("&agent=all", "AAPL,SPY")]
    [InlineData("&agent=nobody", "")]
    public async Task Decisions_show_this_agents_by_default_another_agents_or_all_on_request(string query, string symbols)
    {
        var decisions = await _client.GetFromJsonAsync<JsonElement>($"/api/decisions?limit=1000{query}");

        Assert.Equal(symbols, string.Join(',', decisions.EnumerateArray().Select(d => d.GetProperty("symbol").GetString()).Distinct().Order()));
    }

    [Fact]
    public async Task A_decision_of_another_agent_opens_by_its_id()
    {
        var theirs = (await _client.GetFromJsonAsync<JsonElement>("/api/decisions?limit=1&agent=beta"))[0].GetProperty("id").GetGuid();

        var response = await _client.GetAsync($"/api/decisions/{theirs}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/decisions?agent=two%20words")]
    [InlineData("/api/trades?agent=x/y")]
    [InlineData("/api/alerts?agent=a-name-that-is-far-too-long-for-an-agent")]
    [InlineData("/api/llm/interactions?agent=%C3%A9")]
    [InlineData("/api/export/decisions?agent=bad!")]
    public async Task A_name_that_cannot_be_an_agent_is_a_validation_problem(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("agent", out _));
    }

    [Theory]
    [InlineData("/api/trades?agent=nobody")]
    [InlineData("/api/alerts?agent=nobody")]
    [InlineData("/api/llm/interactions?agent=nobody")]
    public async Task An_unknown_agent_is_an_empty_list(string url)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>(url);

        Assert.Equal(0, body.GetArrayLength());
    }

    [Fact]
    public async Task The_snapshot_export_of_another_agent_holds_its_snapshots_only()
    {
        var mine = await _client.GetFromJsonAsync<JsonElement>("/api/export/snapshots?format=json");
        var theirs = await _client.GetFromJsonAsync<JsonElement>("/api/export/snapshots?format=json&agent=beta");
        var all = await _client.GetFromJsonAsync<JsonElement>("/api/export/snapshots?format=json&agent=all");

        Assert.True(all.GetArrayLength() >= mine.GetArrayLength() + theirs.GetArrayLength());
    }

    private static Dictionary<string, string?> Settings(string agent, string symbol)
    {
        var settings = new Dictionary<string, string?> { ["Agent:Name"] = agent, ["Risk:MinConfidence"] = "0" };
        for (var i = 0; i < 6; i++) settings[$"Trading:Watchlist:{i}"] = symbol;
        return settings;
    }
}
