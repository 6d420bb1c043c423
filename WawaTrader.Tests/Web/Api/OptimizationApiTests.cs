using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Tests.Web.Api;

public abstract class OptimizationApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : OptimizationApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : OptimizationApiTests(TestProvider.Postgres);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string?> Quiet = new() { ["Trading:StartOnLaunch"] = "false" };

    /// <summary>An engine that reports 25% and then waits on its cancellation token, so a test sees an optimisation in flight.</summary>
    private static readonly OptimizationEngine Blocking = async (request, progress, ct) =>
    {
        progress?.Report(0.25);
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    };

    private static string Spy => SharedData.MarketFile("SPY-2017-2018-daily.csv");

    [Fact]
    public async Task Posted_optimisation_runs_in_the_background_and_returns_ranked_runs_and_walk_forward_windows()
    {
        await using var app = AppWith(null);
        using var client = app.CreateClient();

        var post = await client.PostAsJsonAsync("/api/optimizations", new
        {
            csv = new[] { Spy },
            strategy = "sma-cross",
            cash = 50_000,
            grid = new Dictionary<string, object> { ["fast"] = new object[] { 5, "10" }, ["slow"] = "30, 50, 100" },
            rank = "totalReturn",
            walkForward = new { trainBars = 120, testBars = 60 },
        });

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var queued = await post.Content.ReadFromJsonAsync<JsonElement>();
        var id = queued.GetProperty("id").GetGuid();
        Assert.Equal($"/api/optimizations/{id}", post.Headers.Location!.OriginalString);
        Assert.Equal(6, queued.GetProperty("combinations").GetInt64());
        var done = await PollAsync(client, id, "Completed");
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());
        Assert.Equal(["5", "10"], done.GetProperty("grid").GetProperty("fast").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["30", "50", "100"], done.GetProperty("grid").GetProperty("slow").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(50_000m, done.GetProperty("settings").GetProperty("initialCash").GetDecimal());
        var runs = done.GetProperty("result").GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(6, runs.Count);
        var returns = runs.Select(r => r.GetProperty("metrics").GetProperty("totalReturn").GetDouble()).ToList();
        Assert.Equal(returns.OrderByDescending(r => r), returns);
        Assert.Equal(6, runs.Select(r => r.GetProperty("parameters").GetProperty("fast").GetString() + "/" + r.GetProperty("parameters").GetProperty("slow").GetString()).Distinct().Count());
        var walk = done.GetProperty("result").GetProperty("walkForward");
        Assert.Equal((502 - 120) / 60, walk.GetProperty("windows").GetArrayLength());
        var window = walk.GetProperty("windows")[0];
        Assert.Equal("2017-01-03", window.GetProperty("trainFrom").GetString());
        Assert.True(window.GetProperty("inSample").TryGetProperty("totalReturn", out _));
        Assert.True(window.GetProperty("outOfSample").TryGetProperty("totalReturn", out _));
        Assert.Equal(walk.GetProperty("windows").GetArrayLength() * 60, walk.GetProperty("outOfSampleEquity").GetArrayLength());
        Assert.Equal(50_000m, walk.GetProperty("outOfSampleEquity")[0].GetProperty("value").GetDecimal(), 0);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/optimizations");
        Assert.Equal(id, list[0].GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Without_walk_forward_the_result_has_no_windows()
    {
        await using var app = AppWith(null);
        using var client = app.CreateClient();

        var post = await client.PostAsJsonAsync("/api/optimizations", new { csv = new[] { Spy }, strategy = "sma-cross", grid = new { fast = new[] { 5, 10 } } });
        var done = await PollAsync(client, (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), "Completed");

        Assert.Equal("sharpe", done.GetProperty("rank").GetString());
        Assert.Equal(2, done.GetProperty("result").GetProperty("runs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("result").GetProperty("walkForward").ValueKind);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("walkForward").ValueKind);
    }

    [Fact]
    public async Task A_running_optimisation_reports_progress_and_can_be_canceled()
    {
        await using var app = AppWith(Blocking);
        using var client = app.CreateClient();
        var post = await client.PostAsJsonAsync("/api/optimizations", new { csv = new[] { Spy }, strategy = "sma-cross", grid = new { fast = new[] { 5, 10 } } });
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var running = await PollAsync(client, id, "Running", r => r.GetProperty("progress").GetDouble() >= 0.25);
        Assert.Equal(JsonValueKind.Null, running.GetProperty("result").ValueKind);

        var cancel = await client.PostAsync($"/api/optimizations/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await PollAsync(client, id, "Canceled");
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/optimizations/{id}/cancel", null)).StatusCode);
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, Guid id, string status, Func<JsonElement, bool>? also = null)
    {
        using var timeout = new CancellationTokenSource(Wait);
        JsonElement run = default;
        while (!timeout.IsCancellationRequested)
        {
            run = await client.GetFromJsonAsync<JsonElement>($"/api/optimizations/{id}");
            if (run.GetProperty("status").GetString() == status && (also is null || also(run))) return run;
            if (run.GetProperty("status").GetString() is "Failed" && status != "Failed")
                Assert.Fail($"Optimisation failed: {run.GetProperty("error").GetString()}");
            await Task.Delay(50);
        }
        Assert.Fail($"Optimisation {id} did not reach {status}; last: {run}");
        return run;
    }

    /// <summary>The real app; <paramref name="engine"/> replaces the optimisation engine when given.</summary>
    private EngineApp AppWith(OptimizationEngine? engine) => new(engine, App(Quiet));

    private sealed class EngineApp(OptimizationEngine? engine, WawaTraderAppFactory app) : IAsyncDisposable
    {
        private readonly WawaTraderAppFactory _app = app;
        private WebApplicationFactory<Program>? _configured;

        public HttpClient CreateClient()
        {
            _configured ??= engine is null ? _app : _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(engine)));
            return _configured.CreateClient();
        }

        public async ValueTask DisposeAsync()
        {
            if (_configured is not null && !ReferenceEquals(_configured, _app)) await _configured.DisposeAsync();
            await _app.DisposeAsync();
        }
    }
}
