using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Security;

/// <summary>Random JSON and random bytes at every POST/PUT endpoint: never a 500, never a stored change.</summary>
public abstract class ApiFuzzTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : ApiFuzzTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : ApiFuzzTests(TestProvider.Postgres);

    private const int PayloadsPerEndpoint = 40;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Random_bodies_never_cause_a_server_error_or_a_stored_change()
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();
        var random = new Random(20261206);
        // Every POST/PUT under /api but the agent's start/stop/kill and the example backtest (which change state by design, body or not).
        var endpoints = ApiRoutes.Find(app.Services, ["POST", "PUT"], ["/api/"], number: "999999")
            .Where(e => !e.Path.StartsWith("/api/agent", StringComparison.OrdinalIgnoreCase)
                && !e.Path.Equals("/api/backtests/example", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(endpoints.Count >= 7, $"only {endpoints.Count} endpoints found");
        var before = await StoredStateAsync(client);

        foreach (var (method, path) in endpoints)
        {
            for (var i = 0; i < PayloadsPerEndpoint; i++)
            {
                var body = i % 4 == 3 ? RandomBytes(random) : Encoding.UTF8.GetBytes(RandomJson(random, depth: 0));
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                var response = await client.SendAsync(request);
                Assert.True((int)response.StatusCode < 500,
                    $"{method} {path} answered {(int)response.StatusCode} to {Convert.ToBase64String(body)}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Equal(before, await StoredStateAsync(client));
    }

    /// <summary>What a stray body must not change: settings and their history, queued backtests and optimisations, the bar cache.</summary>
    private static async Task<string> StoredStateAsync(HttpClient client)
    {
        var parts = new List<string>();
        foreach (var category in new[] { "Risk", "Trading", "Llm", "Alerts", "Backtesting", "Market", "Alpaca" })
            parts.Add(await client.GetStringAsync($"/api/settings/{category}"));
        foreach (var list in new[] { "/api/settings/history", "/api/backtests", "/api/optimizations", "/api/bars" })
            parts.Add(await client.GetStringAsync(list));
        return string.Join("\n", parts);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static readonly string[] Keys = ["csv", "series", "symbols", "strategy", "params", "grid", "rank", "walkForward", "from", "to",
        "maxPositionPct", "minConfidence", "watchlist", "cash", "commission", "llm", "trainBars", "timeframe", "x", "", "__proto__"];

    private static string RandomJson(Random random, int depth) => random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => (random.NextDouble() * Math.Pow(10, random.Next(-3, 20)) * (random.Next(2) == 0 ? -1 : 1)).ToString("R", CultureInfo.InvariantCulture),
        3 => random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        4 => JsonSerializer.Serialize(RandomString(random)),
        5 => random.Next(3) == 0 ? "{" : "[1,", // truncated
        6 or 7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 6)).Select(_ =>
            $"{JsonSerializer.Serialize(Keys[random.Next(Keys.Length)])}:{RandomJson(random, depth + 1)}")) + "}",
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomJson(random, depth + 1))) + "]",
    };

    private static string RandomString(Random random)
    {
        var pick = new[] { "", "SPY", "../../etc/passwd", "1e309", "NaN", "-5", "2024-13-45", "fast=5,10", "\u0000\ud800", new string('A', 500) };
        return pick[random.Next(pick.Length)];
    }
}
