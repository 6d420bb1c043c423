using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace WawaTrader.Tests.Web.Api;

[Trait("Category", "Slow")]
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_keeps_the_portfolio_and_every_decision()
    {
        var folder = Directory.CreateTempSubdirectory("wawatrader-restart-").FullName;
        try
        {
            // MinConfidence 0 lets the rule-based analyst's proposals through, so the paper broker really trades.
            var settings = new Dictionary<string, string?> { ["Risk:MinConfidence"] = "0", ["Risk:MaxTradesPerDay"] = "1000" };
            JsonElement portfolioBefore;
            int decisionsBefore;
            await using (var first = new WawaTraderAppFactory(settings, folder))
            {
                using var client = first.CreateClient();
                await AgentApiTests.WaitForAsync(client, "/api/trades?limit=5", t => t.GetArrayLength() >= 1);
                await client.PostAsync("/api/agent/stop", null);
                await Task.Delay(500); // let an in-flight cycle finish; the agent is stopped, so nothing changes after it
                portfolioBefore = await client.GetFromJsonAsync<JsonElement>("/api/portfolio");
                decisionsBefore = (await client.GetFromJsonAsync<JsonElement>("/api/decisions?limit=1000")).GetArrayLength();
            }
            SqliteConnection.ClearAllPools();

            await using var second = new WawaTraderAppFactory(new Dictionary<string, string?>(settings) { ["Trading:StartOnLaunch"] = "false" }, folder);
            using var again = second.CreateClient();
            var portfolioAfter = await again.GetFromJsonAsync<JsonElement>("/api/portfolio");
            var decisionsAfter = (await again.GetFromJsonAsync<JsonElement>("/api/decisions?limit=1000")).GetArrayLength();

            Assert.Equal(portfolioBefore.GetProperty("cash").GetDecimal(), portfolioAfter.GetProperty("cash").GetDecimal());
            Assert.Equal(portfolioBefore.GetProperty("positions").GetArrayLength(), portfolioAfter.GetProperty("positions").GetArrayLength());
            Assert.NotEqual(100_000m, portfolioAfter.GetProperty("cash").GetDecimal());
            Assert.Equal(decisionsBefore, decisionsAfter);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
