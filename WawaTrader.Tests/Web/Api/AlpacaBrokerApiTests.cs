using System.Net.Http.Json;
using System.Text.Json;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

/// <summary>The whole app with <c>Trading:Broker=Alpaca</c> pointed at the loopback fake of Alpaca's Trading API.</summary>
public abstract class AlpacaBrokerApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : AlpacaBrokerApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : AlpacaBrokerApiTests(TestProvider.Postgres);

    private static Dictionary<string, string?> Settings(FakeAlpacaTradingServer fake, bool startOnLaunch) => new()
    {
        ["Trading:Broker"] = "Alpaca",
        ["Trading:StartOnLaunch"] = startOnLaunch ? "true" : "false",
        ["Alpaca:TradingUrl"] = fake.BaseUrl,
        // Alpaca's own variable names, as a user following Alpaca's documentation would set them.
        ["APCA_API_KEY_ID"] = fake.KeyId,
        ["APCA_API_SECRET_KEY"] = fake.SecretKey,
        ["Alpaca:MaxRetries"] = "0",
        ["Alpaca:RequestTimeout"] = "00:00:02",
        ["Alpaca:HaltAfter"] = "00:00:02",
    };

    [Fact]
    public async Task Health_and_portfolio_name_the_alpaca_broker_say_alpaca_answers_and_show_alpacas_cash()
    {
        await using var fake = await FakeAlpacaTradingServer.StartAsync();
        fake.Cash = 54_321.5m;
        await using var app = App(Settings(fake, startOnLaunch: false));
        using var client = app.CreateClient();

        JsonElement health = default;
        await Eventually.UntilAsync(() =>
        {
            health = client.GetFromJsonAsync<JsonElement>("/api/health").GetAwaiter().GetResult();
            return health.GetProperty("alpaca").ValueKind == JsonValueKind.Object && health.GetProperty("alpaca").GetProperty("answering").ValueKind == JsonValueKind.True;
        }, "Alpaca to be reported as answering");
        var portfolio = await client.GetFromJsonAsync<JsonElement>("/api/portfolio");

        Assert.Equal("Alpaca paper", health.GetProperty("broker").GetString());
        Assert.False(health.GetProperty("liveMoney").GetBoolean());
        Assert.Equal(54_321.5m, portfolio.GetProperty("cash").GetDecimal());
        Assert.Equal("Alpaca paper", portfolio.GetProperty("connection").GetProperty("broker").GetString());
        Assert.Equal("Simulated", portfolio.GetProperty("connection").GetProperty("market").GetString());
    }

    [Fact]
    public async Task The_keys_appear_in_no_api_answer_export_or_page()
    {
        await using var fake = await FakeAlpacaTradingServer.StartAsync();
        await using var app = App(Settings(fake, startOnLaunch: false));
        using var client = app.CreateClient();
        await Eventually.UntilAsync(() => fake.Requests.Count > 0, "the watchdog to call Alpaca");

        var answers = new List<string>();
        foreach (var path in new[] { "/api/health", "/api/portfolio", "/api/reconciliation", "/api/settings/Alpaca", "/api/export/decisions", "/" })
            answers.Add(await client.GetStringAsync(path));

        Assert.All(answers, body =>
        {
            Assert.DoesNotContain(fake.SecretKey, body);
            Assert.DoesNotContain(fake.KeyId, body);
        });
    }

    [Fact]
    public async Task An_outage_halts_the_agent_saying_alpaca_and_it_resumes_by_itself_when_alpaca_answers()
    {
        await using var fake = await FakeAlpacaTradingServer.StartAsync();
        await using var app = App(Settings(fake, startOnLaunch: true));
        using var client = app.CreateClient();
        async Task<JsonElement> Agent() => await client.GetFromJsonAsync<JsonElement>("/api/agent");
        await Eventually.UntilAsync(() => Agent().GetAwaiter().GetResult().GetProperty("state").GetString() == "Running", "the agent to start");

        fake.Down = true;
        JsonElement halted = default;
        await Eventually.UntilAsync(() => (halted = Agent().GetAwaiter().GetResult()).GetProperty("state").GetString() == "Halted", "the agent to halt");
        fake.Down = false;
        await Eventually.UntilAsync(() => Agent().GetAwaiter().GetResult().GetProperty("state").GetString() == "Running", "the agent to resume");

        Assert.Contains("Alpaca", halted.GetProperty("reason").GetString());
        Assert.Equal(0, fake.OrderPosts);
    }
}
