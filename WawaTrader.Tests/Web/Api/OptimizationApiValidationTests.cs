using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

/// <summary>Requests the optimisation API refuses: nothing is ever queued here, so the cases share one app per provider.</summary>
public abstract class OptimizationApiValidationTests(SharedApp shared)
{
    public sealed class OnSqlite(OnSqlite.App app) : OptimizationApiValidationTests(app), IClassFixture<OnSqlite.App>
    {
        public sealed class App() : SharedApp(TestProvider.Sqlite, Quiet);
    }

    [Trait("Category", "Slow")]
    public sealed class OnPostgres(OnPostgres.App app) : OptimizationApiValidationTests(app), IClassFixture<OnPostgres.App>
    {
        public sealed class App() : SharedApp(TestProvider.Postgres, Quiet);
    }

    private static readonly Dictionary<string, string?> Quiet = new() { ["Trading:StartOnLaunch"] = "false" };

    private static string Spy => SharedData.MarketFile("SPY-2017-2018-daily.csv");

    [Theory]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross"}""", "grid")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{}}""", "grid")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[]}}""", "grid.fast")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[5,{"x":1}]}}""", "grid.fast")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":["five"]}}""", "grid.fast")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[40],"slow":[30]}}""", "grid.slow")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[5]},"rank":"luck"}""", "rank")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[5]},"walkForward":{"trainBars":1,"testBars":60}}""", "walkForward.trainBars")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[5]},"walkForward":{"trainBars":120}}""", "walkForward.testBars")]
    [InlineData("""{"csv":["$SPY"],"strategy":"sma-cross","grid":{"fast":[5]},"walkForward":{"trainBars":400,"testBars":200}}""", "walkForward")]
    [InlineData("""{"csv":["$SPY"],"strategy":"technical","grid":{"Risk:MaxPositionPct":[5,10]},"walkForward":{"trainBars":120,"testBars":60}}""", "walkForward")]
    [InlineData("""{"strategy":"sma-cross","grid":{"fast":[5]}}""", "csv")]
    [InlineData("""{"csv":["$SPY"],"cash":-1,"grid":{"fast":[5]}}""", "cash")]
    public async Task Bad_input_is_a_validation_problem_naming_the_field(string body, string field)
    {
        using var client = shared.App.CreateClient();

        var post = await client.PostAsync("/api/optimizations",
            new StringContent(body.Replace("$SPY", Spy.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no '{field}' in {errors}");
        Assert.NotEqual("", messages[0].GetString());
        Assert.Contains(field, problem.GetProperty("title").GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/optimizations")).EnumerateArray());
    }

    [Fact]
    public async Task Unknown_optimisation_is_not_found()
    {
        using var client = shared.App.CreateClient();

        var get = await client.GetAsync($"/api/optimizations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("Unknown optimisation", (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/optimizations/{Guid.NewGuid()}/cancel", null)).StatusCode);
    }
}
