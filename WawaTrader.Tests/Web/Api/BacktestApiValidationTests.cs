using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

/// <summary>Requests the backtest API refuses, and what it answers without running anything: nothing is ever queued here, so the cases
/// share one app per provider.</summary>
public abstract class BacktestApiValidationTests(SharedApp shared)
{
    public sealed class OnSqlite(OnSqlite.App app) : BacktestApiValidationTests(app), IClassFixture<OnSqlite.App>
    {
        public sealed class App() : SharedApp(TestProvider.Sqlite, Quiet);
    }

    [Trait("Category", "Slow")]
    public sealed class OnPostgres(OnPostgres.App app) : BacktestApiValidationTests(app), IClassFixture<OnPostgres.App>
    {
        public sealed class App() : SharedApp(TestProvider.Postgres, Quiet);
    }

    private static readonly Dictionary<string, string?> Quiet = new() { ["Trading:StartOnLaunch"] = "false" };

    [Fact]
    public async Task Malformed_inline_csv_is_a_validation_problem_naming_the_line()
    {
        using var client = shared.App.CreateClient();
        var bad = "Date,Open,High,Low,Close,Volume\n2020-01-01,1,2,0.5,1.5,100\n2020-01-02,1,2,0.5,abc,100\n";

        var post = await client.PostAsJsonAsync("/api/backtests", new { series = new[] { new { symbol = "X", csv = bad, name = "x.csv" } }, cash = -1, llm = "maybe" });

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("line 3", errors.GetProperty("series[0]")[0].GetString());
        Assert.Contains("x.csv", errors.GetProperty("series[0]")[0].GetString());
        Assert.True(errors.TryGetProperty("cash", out _));
        Assert.True(errors.TryGetProperty("llm", out _));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/backtests")).EnumerateArray());
    }

    [Fact]
    public async Task Missing_files_and_no_series_are_validation_problems()
    {
        using var client = shared.App.CreateClient();

        var none = await client.PostAsJsonAsync("/api/backtests", new { strategy = "sma-cross" });
        var missing = await client.PostAsJsonAsync("/api/backtests", new { csv = new[] { "/nonexistent/SPY.csv" } });

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("csv", out _));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("/nonexistent/SPY.csv", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("csv[0]")[0].GetString());
    }

    [Theory]
    [InlineData("sma-cross", "fast", "five", "params.fast")]
    [InlineData("sma-cross", "slow", "5", "params.slow")]
    [InlineData("sma-cross", "speed", "5", "params.speed")]
    [InlineData("technical", "RsiOversold", "-5", "params")]
    [InlineData("technical", "Risk:MaxPositionPct", "500", "params")]
    [InlineData("technical", "Trading:PositionSizePct", "0", "params.Trading:PositionSizePct")]
    [InlineData("luck", "fast", "5", "strategy")]
    public async Task A_bad_strategy_or_parameter_is_refused_before_the_run_is_queued(string strategy, string key, string value, string field)
    {
        using var client = shared.App.CreateClient();

        var post = await client.PostAsJsonAsync("/api/backtests", new
        {
            csv = new[] { SharedData.MarketFile("SPY-2017-2018-daily.csv") },
            strategy,
            @params = new Dictionary<string, string> { [key] = value },
        });

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no '{field}' in {errors}");
        Assert.DoesNotContain("(Parameter", messages[0].GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/backtests")).EnumerateArray());
    }

    [Theory]
    [InlineData("/api/backtests", "post")]
    [InlineData("/api/backtests/{id}/cancel", "post")]
    [InlineData("/api/optimizations", "post")]
    [InlineData("/api/optimizations/{id}/cancel", "post")]
    public async Task The_openapi_document_states_202_where_the_endpoint_answers_202(string path, string method)
    {
        using var client = shared.App.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.True(responses.TryGetProperty("202", out _), $"{method} {path}: {responses}");
        Assert.False(responses.TryGetProperty("200", out _), $"{method} {path} claims 200: {responses}");
    }

    [Fact]
    public async Task Unknown_backtest_is_not_found()
    {
        using var client = shared.App.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/backtests/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/backtests/{Guid.NewGuid()}/cancel", null)).StatusCode);
    }
}
