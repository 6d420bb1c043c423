using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

public abstract class BarApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : BarApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : BarApiTests(TestProvider.Postgres);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string?> Quiet = new() { ["Trading:StartOnLaunch"] = "false" };
    private static readonly string Spy = SharedData.MarketFile("SPY-2017-2018-daily.csv");

    [Fact]
    public async Task Get_bars_lists_the_cached_symbols_with_range_and_count()
    {
        await using var app = App(Quiet);
        using var client = app.CreateClient();
        var bars = CsvBarReader.ReadFile(Spy);
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/bars") ?? []);
        await app.Services.GetRequiredService<IBarCache>().UpsertAsync("SPY", bars, CancellationToken.None);

        var list = await client.GetFromJsonAsync<JsonElement[]>("/api/bars");

        var spy = Assert.Single(list!);
        Assert.Equal("SPY", spy.GetProperty("symbol").GetString());
        Assert.Equal(bars[0].Time, spy.GetProperty("first").GetDateTime().ToUniversalTime());
        Assert.Equal(bars[^1].Time, spy.GetProperty("last").GetDateTime().ToUniversalTime());
        Assert.Equal(bars.Length, spy.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_backtest_over_a_cached_symbol_gives_the_result_of_the_same_file()
    {
        await using var app = App(Quiet);
        using var client = app.CreateClient();
        await app.Services.GetRequiredService<IBarCache>().UpsertAsync("SPY", CsvBarReader.ReadFile(Spy), CancellationToken.None);
        var common = new { strategy = "sma-cross", @params = new Dictionary<string, object> { ["fast"] = 10, ["slow"] = 30 } };

        var fromCache = await RunAsync(client, new { symbols = new[] { "spy" }, common.strategy, common.@params });
        var fromFile = await RunAsync(client, new { csv = new[] { Spy }, common.strategy, common.@params });

        Assert.Equal("SPY", fromCache.GetProperty("settings").GetProperty("symbols")[0].GetString());
        Assert.Contains("cache:SPY", fromCache.GetProperty("settings").GetRawText(), StringComparison.Ordinal);
        Assert.True(fromCache.GetProperty("result").GetProperty("trades").GetArrayLength() > 0);
        Assert.Equal(fromFile.GetProperty("result").GetRawText(), fromCache.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task A_symbol_not_in_the_cache_is_a_400_naming_it()
    {
        await using var app = App(Quiet);
        using var client = app.CreateClient();

        var backtest = await client.PostAsJsonAsync("/api/backtests", new { csv = new[] { Spy }, symbols = new[] { "QQQ" } });
        var optimization = await client.PostAsJsonAsync("/api/optimizations", new { symbols = new[] { "QQQ" }, strategy = "sma-cross", grid = new { fast = new[] { 5, 10 } } });

        foreach (var response in new[] { backtest, optimization })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("symbols[0]")[0].GetString();
            Assert.Contains("QQQ is not in the bar cache", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_optimisation_over_a_cached_symbol_completes()
    {
        await using var app = App(Quiet);
        using var client = app.CreateClient();
        await app.Services.GetRequiredService<IBarCache>().UpsertAsync("SPY", CsvBarReader.ReadFile(Spy), CancellationToken.None);

        var post = await client.PostAsJsonAsync("/api/optimizations",
            new { symbols = new[] { "SPY" }, strategy = "sma-cross", grid = new { fast = new[] { 5, 10 }, slow = "30,50" } });

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var done = await PollAsync(client, $"/api/optimizations/{id}");
        Assert.Equal(4, done.GetProperty("result").GetProperty("runs").GetArrayLength());
    }

    private static async Task<JsonElement> RunAsync(HttpClient client, object body)
    {
        var post = await client.PostAsJsonAsync("/api/backtests", body);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await PollAsync(client, $"/api/backtests/{id}");
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string path)
    {
        using var timeout = new CancellationTokenSource(Wait);
        JsonElement run = default;
        while (!timeout.IsCancellationRequested)
        {
            run = await client.GetFromJsonAsync<JsonElement>(path);
            var status = run.GetProperty("status").GetString();
            if (status == "Completed") return run;
            if (status is "Failed" or "Canceled") Assert.Fail($"{path} {status}: {run.GetProperty("error")}");
            await Task.Delay(50);
        }
        Assert.Fail($"{path} did not complete; last: {run}");
        return run;
    }
}
