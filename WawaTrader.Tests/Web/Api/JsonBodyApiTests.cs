using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

/// <summary>Every endpoint that reads a JSON body refuses members it does not know, and says which, before doing anything.</summary>
public abstract class JsonBodyApiTests : AppTests, IAsyncLifetime
{
    public sealed class OnSqlite() : JsonBodyApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : JsonBodyApiTests(TestProvider.Postgres);

    private readonly WawaTraderAppFactory _app;
    private HttpClient _client = null!;

    private JsonBodyApiTests(TestProvider provider) : base(provider) =>
        _app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });

    private static string Spy => SharedData.MarketFile("SPY-2017-2018-daily.csv").Replace("\\", "\\\\", StringComparison.Ordinal);

    public Task InitializeAsync()
    {
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _client.PostAsync(path, new StringContent(body.Replace("$SPY", Spy, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("/api/backtests", """{"csv":["$SPY"],"strategy":"sma-cross","parameters":{"fast":5}}""", "parameters")]
    [InlineData("/api/optimizations", """{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[5]},"ranking":"sharpe"}""", "ranking")]
    [InlineData("/api/optimizations", """{"csv":["$SPY"],"grid":{"fast":[5]},"walkForward":{"trainBars":120,"testBar":60}}""", "walkForward.testBar")]
    [InlineData("/api/bars/fetch", """{"symbols":["SPY"],"start":"2020-01-01"}""", "start")]
    public async Task An_unknown_member_is_a_validation_problem_naming_it(string path, string body, string member)
    {
        var post = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(member);
        Assert.Contains($"'{member.Split('.')[^1]}' is not a member", messages[0].GetString());
        Assert.Contains(member, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_refusal_of_an_unknown_member_lists_the_members_there_are()
    {
        var post = await PostAsync("/api/backtests", """{"csv":["$SPY"],"parameters":{"fast":5}}""");

        var message = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("parameters")[0].GetString();
        Assert.True(message!.Contains("params", StringComparison.Ordinal), message);
        Assert.Contains("strategy", message);
    }

    [Fact]
    public async Task Every_unknown_member_is_named_not_only_the_first()
    {
        var post = await PostAsync("/api/optimizations",
            """{"csv":["$SPY"],"parameters":{"fast":5},"grid":{"fast":[5]},"walkForward":{"trainBars":120,"testBar":60},"ranking":"sharpe"}""");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var errors = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["parameters", "ranking", "walkForward.testBar"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_backtest_refused_for_an_unknown_member_is_never_queued()
    {
        await PostAsync("/api/backtests", """{"csv":["$SPY"],"parameters":{"fast":5}}""");

        Assert.Empty((await _client.GetFromJsonAsync<JsonElement>("/api/backtests")).EnumerateArray());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_validation_problem_naming_the_member()
    {
        var post = await PostAsync("/api/backtests", """{"csv":["$SPY"],"cash":"lots"}""");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var errors = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("cash", out _), errors.ToString());
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_a_400_problem_not_a_server_error()
    {
        var get = await _client.GetAsync("/api/backtests?limit=many");

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Contains("limit", (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_validation_problem()
    {
        var post = await PostAsync("/api/backtests", "{\"csv\": [");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.True((await post.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("errors", out _));
    }
}
