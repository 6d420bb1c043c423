using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Backtesting;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Web.Backtesting;

namespace WawaTrader.Tests.Web.Api;

public abstract class BacktestApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : BacktestApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : BacktestApiTests(TestProvider.Postgres);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string?> Quiet = new() { ["Trading:StartOnLaunch"] = "false" };

    /// <summary>An engine that waits on its cancellation token after reporting 25%, so a test sees a run in flight.</summary>
    private static readonly BacktestEngine Blocking = async (request, progress, ct) =>
    {
        progress?.Report(0.25);
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    };

    /// <summary>The app on a database of its own, or on <paramref name="storage"/>'s; <paramref name="engine"/> replaces the backtest engine.</summary>
    private WebApplicationFactoryWithEngine AppWith(BacktestEngine? engine = null, AppStorage? storage = null) =>
        new(engine, storage?.App(Quiet) ?? App(Quiet));

    [Fact]
    public async Task Posted_backtest_runs_in_the_background_and_its_result_has_the_cli_json_shape()
    {
        await using var app = AppWith();
        using var client = app.CreateClient();

        var post = await client.PostAsJsonAsync("/api/backtests", new
        {
            csv = new[] { SharedData.MarketFile("SPY-2017-2018-daily.csv") },
            strategy = "sma-cross",
            @params = new Dictionary<string, object> { ["fast"] = 10, ["slow"] = "30" },
            commission = 0.005m,
            slippageBps = 2,
            cash = 50_000,
        });

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var queued = await post.Content.ReadFromJsonAsync<JsonElement>();
        var id = queued.GetProperty("id").GetGuid();
        Assert.Equal($"/api/backtests/{id}", post.Headers.Location!.OriginalString);
        var done = await PollAsync(client, id, "Completed");
        var settings = done.GetProperty("settings");
        Assert.Equal("SPY", settings.GetProperty("symbols")[0].GetString());
        Assert.Equal("10", settings.GetProperty("parameters").GetProperty("fast").GetString());
        Assert.Equal(50_000m, settings.GetProperty("initialCash").GetDecimal());
        Assert.Equal(1.0, done.GetProperty("progress").GetDouble());
        var result = done.GetProperty("result");
        foreach (var key in new[] { "metrics", "benchmark", "equity", "trades" }) Assert.True(result.TryGetProperty(key, out _), key);
        Assert.Equal(BacktestJson.MetricKeys, result.GetProperty("metrics").EnumerateObject().Select(p => p.Name));
        var equity = result.GetProperty("equity");
        Assert.Equal(50_000m, equity[0].GetProperty("value").GetDecimal());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", equity[0].GetProperty("date").GetString()!);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/backtests");
        Assert.Equal(id, list[0].GetProperty("id").GetGuid());
        Assert.Equal("Completed", list[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_running_backtest_can_be_canceled()
    {
        await using var app = AppWith(Blocking);
        using var client = app.CreateClient();
        var post = await client.PostAsJsonAsync("/api/backtests", new { series = new[] { new { symbol = "abc", csv = Csv(30) } } });
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var running = await PollAsync(client, id, "Running", r => r.GetProperty("progress").GetDouble() >= 0.25);
        Assert.Equal(JsonValueKind.Null, running.GetProperty("result").ValueKind);

        var cancel = await client.PostAsync($"/api/backtests/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var canceled = await PollAsync(client, id, "Canceled");
        Assert.Equal("ABC", canceled.GetProperty("settings").GetProperty("symbols")[0].GetString());
        var again = await client.PostAsync($"/api/backtests/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Good_parameters_of_the_technical_strategy_are_accepted()
    {
        await using var app = AppWith(Blocking);
        using var client = app.CreateClient();

        var post = await client.PostAsJsonAsync("/api/backtests", new
        {
            csv = new[] { SharedData.MarketFile("SPY-2017-2018-daily.csv") },
            strategy = "technical",
            @params = new Dictionary<string, string> { ["RsiOversold"] = "25", ["Risk:MaxPositionPct"] = "20", ["Trading:PositionSizePct"] = "5" },
        });

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_completed_run_reopens_after_a_restart_and_an_interrupted_one_is_marked_failed()
    {
        await using var storage = Storage();
        Guid doneId, stuckId;
        JsonElement before;
        await using (var first = AppWith(storage: storage))
        {
            using var client = first.CreateClient();
            var post = await client.PostAsJsonAsync("/api/backtests", new { series = new[] { new { symbol = "AAA", csv = Csv(60) } }, strategy = "sma-cross", @params = new { fast = 3, slow = 8 } });
            doneId = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            before = (await PollAsync(client, doneId, "Completed")).GetProperty("result");
        }
        await using (var second = AppWith(Blocking, storage))
        {
            using var client = second.CreateClient();
            var post = await client.PostAsJsonAsync("/api/backtests", new { series = new[] { new { symbol = "BBB", csv = Csv(10) } } });
            stuckId = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await PollAsync(client, stuckId, "Running");
        }
        await using var third = AppWith(Blocking, storage);
        using var again = third.CreateClient();

        var reopened = await again.GetFromJsonAsync<JsonElement>($"/api/backtests/{doneId}");
        Assert.Equal(before.GetRawText(), reopened.GetProperty("result").GetRawText());
        var stuck = await again.GetFromJsonAsync<JsonElement>($"/api/backtests/{stuckId}");
        Assert.Contains(stuck.GetProperty("status").GetString(), new[] { "Failed", "Canceled" });
    }

    /// <summary>A daily CSV of <paramref name="count"/> bars rising then falling.</summary>
    internal static string Csv(int count)
    {
        var text = new System.Text.StringBuilder("Date,Open,High,Low,Close,Volume\n");
        for (var i = 0; i < count; i++)
        {
            var close = 100 + 10 * Math.Sin(i / 5.0);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{new DateTime(2020, 1, 1).AddDays(i):yyyy-MM-dd},{close:0.00},{close + 1:0.00},{close - 1:0.00},{close:0.00},1000\n");
        }
        return text.ToString();
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, Guid id, string status, Func<JsonElement, bool>? also = null)
    {
        using var timeout = new CancellationTokenSource(Wait);
        JsonElement run = default;
        while (!timeout.IsCancellationRequested)
        {
            run = await client.GetFromJsonAsync<JsonElement>($"/api/backtests/{id}");
            if (run.GetProperty("status").GetString() == status && (also is null || also(run))) return run;
            if (run.GetProperty("status").GetString() is "Failed" && status != "Failed")
                Assert.Fail($"Backtest failed: {run.GetProperty("error").GetString()}");
            await Task.Delay(50);
        }
        Assert.Fail($"Backtest {id} did not reach {status}; last: {run}");
        return run;
    }

    /// <summary>The real app; <paramref name="engine"/> replaces the backtest engine when given.</summary>
    private sealed class WebApplicationFactoryWithEngine(BacktestEngine? engine, WawaTraderAppFactory app) : IAsyncDisposable
    {
        private readonly WawaTraderAppFactory _app = app;
        private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _configured;

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
