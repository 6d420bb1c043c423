using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Web.Api;

public sealed class ExampleBacktestApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static WawaTraderAppFactory App(string seed = "42") =>
        new(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false", ["Simulation:Seed"] = seed });

    [Fact]
    public async Task On_a_fresh_database_the_example_caches_simulated_bars_once_and_runs_a_backtest_with_trades()
    {
        await using var app = App();
        using var client = app.CreateClient();
        var bars = ExampleHistory.Generate(42);
        var total = bars.Sum(s => s.Bars.Count);

        var first = await client.PostAsync("/api/backtests/example", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var queued = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(total, queued.GetProperty("barsAdded").GetInt32());
        Assert.Equal(42, queued.GetProperty("seed").GetInt32());
        var run = queued.GetProperty("run");
        Assert.True(run.GetProperty("simulated").GetBoolean());
        var id = run.GetProperty("id").GetGuid();
        Assert.Equal($"/api/backtests/{id}", first.Headers.Location!.OriginalString);

        var done = await PollCompletedAsync(client, id);
        Assert.True(done.GetProperty("simulated").GetBoolean());
        var settings = done.GetProperty("settings");
        Assert.Equal(["SIM-A", "SIM-B", "SIM-C"], settings.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["simulated:SIM-A (seed 42)", "simulated:SIM-B (seed 42)", "simulated:SIM-C (seed 42)"],
            settings.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("technical", settings.GetProperty("strategy").GetString());
        var result = done.GetProperty("result");
        Assert.True(result.GetProperty("trades").GetArrayLength() > 0, "the example backtest made no trade");
        Assert.Equal(ExampleHistory.First.ToString("yyyy-MM-dd"), result.GetProperty("equity")[0].GetProperty("date").GetString());

        // The cache holds exactly the generated bars, and says they are simulated.
        var cache = app.Services.GetRequiredService<IBarCache>();
        foreach (var series in bars)
            Assert.Equal(series.Bars, await cache.GetBarsAsync(series.Symbol, DateTime.MinValue, DateTime.MaxValue, CancellationToken.None));
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/bars");
        Assert.All(listed.EnumerateArray(), s => Assert.True(s.GetProperty("simulated").GetBoolean()));
        Assert.Equal(3, listed.GetArrayLength());

        // Again: nothing is written, and the same bars give the same result.
        var second = await (await client.PostAsync("/api/backtests/example", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, second.GetProperty("barsAdded").GetInt32());
        Assert.Equal(0, second.GetProperty("barsUpdated").GetInt32());
        Assert.Equal(total, second.GetProperty("barsUnchanged").GetInt32());
        var again = await PollCompletedAsync(client, second.GetProperty("run").GetProperty("id").GetGuid());
        Assert.Equal(result.GetProperty("metrics").GetRawText(), again.GetProperty("result").GetProperty("metrics").GetRawText());
        Assert.Equal(result.GetProperty("trades").GetRawText(), again.GetProperty("result").GetProperty("trades").GetRawText());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/backtests");
        Assert.Equal(2, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), r => Assert.True(r.GetProperty("simulated").GetBoolean()));
    }

    [Fact]
    public async Task Another_seed_gives_another_history_and_another_result()
    {
        await using var app = App(seed: "7");
        using var client = app.CreateClient();

        var queued = await (await client.PostAsync("/api/backtests/example", null)).Content.ReadFromJsonAsync<JsonElement>();
        await PollCompletedAsync(client, queued.GetProperty("run").GetProperty("id").GetGuid());

        var cached = await app.Services.GetRequiredService<IBarCache>().GetBarsAsync("SIM-A", DateTime.MinValue, DateTime.MaxValue, CancellationToken.None);
        Assert.Equal(ExampleHistory.Generate(7)[0].Bars, cached);
        Assert.NotEqual(ExampleHistory.Generate(42)[0].Bars[^1].Close, cached[^1].Close);
        Assert.Equal("simulated:SIM-A (seed 7)", queued.GetProperty("run").GetProperty("settings").GetProperty("sources")[0].GetString());
    }

    [Fact]
    public async Task A_backtest_on_real_files_is_not_labelled_simulated()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var post = await client.PostAsJsonAsync("/api/backtests", new { csv = new[] { SharedData.MarketFile("SPY-2017-2018-daily.csv") } });

        var run = await post.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(run.GetProperty("simulated").GetBoolean());
    }

    private static async Task<JsonElement> PollCompletedAsync(HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(Wait);
        JsonElement run = default;
        while (!timeout.IsCancellationRequested)
        {
            run = await client.GetFromJsonAsync<JsonElement>($"/api/backtests/{id}");
            var status = run.GetProperty("status").GetString();
            if (status == "Completed") return run;
            if (status is "Failed" or "Canceled") Assert.Fail($"The example backtest ended {status}: {run.GetProperty("error")}");
            await Task.Delay(100);
        }
        Assert.Fail($"Backtest {id} did not complete; last: {run}");
        return run;
    }
}
