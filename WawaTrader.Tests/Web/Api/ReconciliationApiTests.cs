using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Web.Api;

/// <summary>GET /api/reconciliation reads the stored reconciliation events, so they outlive a restart.</summary>
public sealed class ReconciliationApiTests
{
    private static Dictionary<string, string?> Settings(FakeAlpacaTradingServer fake) => new()
    {
        ["Trading:Broker"] = "Alpaca",
        ["Trading:StartOnLaunch"] = "false",
        ["Alpaca:TradingUrl"] = fake.BaseUrl,
        ["Alpaca:KeyId"] = fake.KeyId,
        ["Alpaca:SecretKey"] = fake.SecretKey,
        ["Alpaca:MaxRetries"] = "0",
    };

    private static async Task<JsonElement> EventsAsync(HttpClient client, string query = "")
    {
        JsonElement body = default;
        await Eventually.UntilAsync(() =>
        {
            body = client.GetFromJsonAsync<JsonElement>("/api/reconciliation" + query).GetAwaiter().GetResult();
            return body.GetProperty("events").GetArrayLength() > 0;
        }, "the start-up reconciliation to record the difference");
        return body;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_position_changed_on_alpacas_site_is_listed_with_both_values_and_still_listed_once_after_a_restart()
    {
        await using var fake = await FakeAlpacaTradingServer.StartAsync();
        fake.SetPrice("AAPL", 100m);
        fake.SetPosition("AAPL", 3m, 90m);
        var folder = Directory.CreateTempSubdirectory("wawatrader-reconciliation-").FullName;
        try
        {
            JsonElement before;
            await using (var first = new WawaTraderAppFactory(Settings(fake), folder))
            {
                using var client = first.CreateClient();
                before = await EventsAsync(client);
            }
            SqliteConnection.ClearAllPools();
            await using var second = new WawaTraderAppFactory(Settings(fake), folder);
            using var again = second.CreateClient();
            await Eventually.UntilAsync(() => again.GetFromJsonAsync<JsonElement>("/api/reconciliation").GetAwaiter().GetResult()
                .GetProperty("lastRun").ValueKind == JsonValueKind.String, "the reconciliation after the restart");
            var after = await EventsAsync(again);

            var e = Assert.Single(before.GetProperty("events").EnumerateArray());
            Assert.Equal(("PositionDiffers", "AAPL", "0", "3", "default"), (e.GetProperty("kind").GetString(), e.GetProperty("symbol").GetString(),
                e.GetProperty("ourValue").GetString(), e.GetProperty("brokerValue").GetString(), e.GetProperty("agent").GetString()));
            var kept = Assert.Single(after.GetProperty("events").EnumerateArray());
            Assert.Equal(e.GetProperty("id").GetInt64(), kept.GetProperty("id").GetInt64());
            Assert.Equal(JsonValueKind.Null, after.GetProperty("nextBefore").ValueKind);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?before=abc")]
    public async Task A_bad_page_is_refused_naming_the_parameter(string query)
    {
        await using var app = new WawaTraderAppFactory(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/reconciliation" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(query[1..query.IndexOf('=')], await response.Content.ReadAsStringAsync());
    }
}
