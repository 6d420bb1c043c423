using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WawaTrader.Tests.Web.Api;

/// <summary>A backtest states and records the sizing and limits it traded under, and a request can override them.</summary>
public sealed class BacktestSizingApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    // The live settings a run falls back to: the app's defaults (5 % a buy, 10 % a position, 30 % in all).
    private static readonly Dictionary<string, string?> Quiet = new() { ["Trading:StartOnLaunch"] = "false" };

    private static object Order(Dictionary<string, object>? parameters = null) => new
    {
        csv = new[] { SharedData.MarketFile("SPY-2017-2018-daily.csv"), SharedData.MarketFile("GOOG-2004-2013-daily.csv") },
        strategy = "technical",
        @params = parameters ?? new Dictionary<string, object>(),
    };

    [Fact]
    public async Task A_run_with_position_size_20_percent_buys_four_times_what_the_live_5_percent_buys_and_both_record_their_sizing()
    {
        await using var app = new WawaTraderAppFactory(Quiet);
        using var client = app.CreateClient();

        var live = await RunAsync(client, Order());
        var bigger = await RunAsync(client, Order(new() { ["Trading:PositionSizePct"] = 20, ["Risk:MaxPositionPct"] = 25, ["Risk:MaxExposurePct"] = 80 }));

        var liveParameters = live.GetProperty("settings").GetProperty("parameters");
        Assert.Equal("5", liveParameters.GetProperty("Trading:PositionSizePct").GetString());
        Assert.Equal("10", liveParameters.GetProperty("Risk:MaxPositionPct").GetString());
        Assert.Equal("30", liveParameters.GetProperty("Risk:MaxExposurePct").GetString());
        Assert.Equal("20", bigger.GetProperty("settings").GetProperty("parameters").GetProperty("Trading:PositionSizePct").GetString());
        // The first buy comes at the same bar with the same equity in both runs: only its size differs.
        var (liveBuy, liveDate) = FirstBuy(live);
        var (biggerBuy, biggerDate) = FirstBuy(bigger);
        Assert.Equal(liveDate, biggerDate);
        Assert.InRange(biggerBuy / liveBuy, 3.9, 4.1);
        // Traded notional over mean equity: the bigger trades move more money (not a flat line beside buy-and-hold).
        Assert.True(Turnover(bigger) > 1.5 * Turnover(live), $"turnover {Turnover(bigger)} against {Turnover(live)}");
    }

    [Fact]
    public async Task The_size_alias_is_recorded_under_its_full_key()
    {
        await using var app = new WawaTraderAppFactory(Quiet);
        using var client = app.CreateClient();

        var run = await RunAsync(client, Order(new() { ["size"] = 8 }));

        var parameters = run.GetProperty("settings").GetProperty("parameters");
        Assert.Equal("8", parameters.GetProperty("Trading:PositionSizePct").GetString());
        Assert.False(parameters.TryGetProperty("size", out _));
    }

    [Theory]
    [InlineData("sma-cross", "nope", "params.nope", "Unknown parameter 'nope'")]
    [InlineData("technical", "Trading:PositionSizePct", "params.Trading:PositionSizePct", "from 0.1 to 100")]
    public async Task A_bad_sizing_or_unknown_parameter_is_a_validation_problem_naming_it(string strategy, string key, string member, string message)
    {
        await using var app = new WawaTraderAppFactory(Quiet);
        using var client = app.CreateClient();

        var post = await client.PostAsJsonAsync("/api/backtests", new
        {
            csv = new[] { SharedData.MarketFile("SPY-2017-2018-daily.csv") },
            strategy,
            @params = new Dictionary<string, object> { [key] = 500 },
        });

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(member)[0].GetString());
    }

    [Fact]
    public async Task An_optimisation_grid_over_an_unknown_key_is_refused_and_one_over_size_is_taken()
    {
        await using var app = new WawaTraderAppFactory(Quiet);
        using var client = app.CreateClient();
        object Grid(string key) => new
        {
            csv = new[] { SharedData.MarketFile("SPY-2017-2018-daily.csv") },
            strategy = "sma-cross",
            grid = new Dictionary<string, object> { ["fast"] = new[] { 5, 10 }, [key] = new[] { 1, 2 } },
        };

        var unknown = await client.PostAsJsonAsync("/api/optimizations", Grid("nope"));
        var size = await client.PostAsJsonAsync("/api/optimizations", Grid("size"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Unknown parameter 'nope' for strategy sma-cross", problem.GetProperty("errors").GetProperty("grid.nope")[0].GetString());
        Assert.Equal(HttpStatusCode.Accepted, size.StatusCode);
    }

    private static (double Notional, string Date) FirstBuy(JsonElement run)
    {
        var buy = run.GetProperty("result").GetProperty("trades").EnumerateArray().First(t => t.GetProperty("side").GetString() == "Buy");
        return (buy.GetProperty("qty").GetDouble() * buy.GetProperty("price").GetDouble(), buy.GetProperty("date").GetString()!);
    }

    private static double Turnover(JsonElement run) => run.GetProperty("result").GetProperty("metrics").GetProperty("turnover").GetDouble();

    private static async Task<JsonElement> RunAsync(HttpClient client, object order)
    {
        var post = await client.PostAsJsonAsync("/api/backtests", order);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/backtests/{id}", timeout.Token);
            var status = run.GetProperty("status").GetString();
            if (status == "Completed") return run;
            if (status is "Failed" or "Canceled") Assert.Fail($"Backtest {status}: {run.GetProperty("error")}");
            await Task.Delay(100, timeout.Token);
        }
    }
}
