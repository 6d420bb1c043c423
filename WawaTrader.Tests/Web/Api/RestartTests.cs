using System.Net.Http.Json;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Api;

[Trait("Category", "Slow")]
public abstract class RestartTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : RestartTests(TestProvider.Sqlite);

    public sealed class OnPostgres() : RestartTests(TestProvider.Postgres);

    [Fact]
    public async Task Restart_keeps_the_portfolio_and_every_decision()
    {
        await using var storage = Storage();
        // MinConfidence 0 lets the rule-based analyst's proposals through, so the paper broker really trades.
        var settings = new Dictionary<string, string?> { ["Risk:MinConfidence"] = "0", ["Risk:MaxTradesPerDay"] = "1000" };
        JsonElement portfolioBefore;
        int decisionsBefore;
        await using (var first = storage.App(settings))
        {
            using var client = first.CreateClient();
            await AgentApiTests.WaitForAsync(client, "/api/trades?limit=5", t => t.GetArrayLength() >= 1);
            await client.PostAsync("/api/agent/stop", null);
            await Task.Delay(500); // let an in-flight cycle finish; the agent is stopped, so nothing changes after it
            portfolioBefore = await client.GetFromJsonAsync<JsonElement>("/api/portfolio");
            decisionsBefore = (await client.GetFromJsonAsync<JsonElement>("/api/decisions?limit=1000")).GetArrayLength();
        }

        await using var second = storage.App(new Dictionary<string, string?>(settings) { ["Trading:StartOnLaunch"] = "false" });
        using var again = second.CreateClient();
        var portfolioAfter = await again.GetFromJsonAsync<JsonElement>("/api/portfolio");
        var decisionsAfter = (await again.GetFromJsonAsync<JsonElement>("/api/decisions?limit=1000")).GetArrayLength();

        Assert.Equal(portfolioBefore.GetProperty("cash").GetDecimal(), portfolioAfter.GetProperty("cash").GetDecimal());
        Assert.Equal(portfolioBefore.GetProperty("positions").GetArrayLength(), portfolioAfter.GetProperty("positions").GetArrayLength());
        Assert.NotEqual(100_000m, portfolioAfter.GetProperty("cash").GetDecimal());
        Assert.Equal(decisionsBefore, decisionsAfter);
    }
}
