using System.Net.Http.Json;
using System.Text.Json;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Web.Api;

/// <summary>The whole app with <c>Trading:Market=Alpaca</c> pointed at the loopback fake of Alpaca's Market Data API: /api/health and
/// /health/ready say whether it answers and the feed.</summary>
public sealed class AlpacaMarketDataApiTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Health_says_the_market_data_api_answers_then_degrades_with_the_reason_when_it_is_down_and_recovers()
    {
        await using var data = await FakeAlpacaDataServer.StartAsync();
        data.Serve("AAPL", Bars.Flat(100, 30), daily: false);
        await using var app = new WawaTraderAppFactory(new Dictionary<string, string?>
        {
            ["Trading:Market"] = "Alpaca",
            ["Trading:Watchlist:0"] = "AAPL",
            ["Trading:StartOnLaunch"] = "true",
            ["Alpaca:DataUrl"] = data.BaseUrl,
            ["Alpaca:KeyId"] = data.KeyId,
            ["Alpaca:SecretKey"] = data.SecretKey,
            ["Alpaca:MaxRetries"] = "0",
        });
        using var client = app.CreateClient();
        async Task<JsonElement> Health() => await client.GetFromJsonAsync<JsonElement>("/api/health");
        static JsonElement MarketCheck(JsonElement body) =>
            body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "market-data");

        JsonElement up = default;
        await Eventually.UntilAsync(() => (up = Health().GetAwaiter().GetResult()).GetProperty("alpacaMarketData").ValueKind == JsonValueKind.Object
            && up.GetProperty("alpacaMarketData").GetProperty("answering").ValueKind == JsonValueKind.True, "the market data API to be reported as answering");
        data.Down = true;
        JsonElement ready = default;
        await Eventually.UntilAsync(() => MarketCheck(ready = client.GetFromJsonAsync<JsonElement>("/health/ready").GetAwaiter().GetResult())
            .GetProperty("status").GetString() == "Degraded", "the market-data check to degrade");
        var down = await Health();
        data.Down = false;
        JsonElement back = default;
        await Eventually.UntilAsync(() => MarketCheck(back = Health().GetAwaiter().GetResult()).GetProperty("status").GetString() == "Healthy"
            && back.GetProperty("alpacaMarketData").GetProperty("answering").ValueKind == JsonValueKind.True, "the market data API to answer again");

        Assert.Equal("iex", up.GetProperty("alpacaMarketData").GetProperty("feed").GetString());
        Assert.Contains("Alpaca's Market Data API (feed iex)", MarketCheck(up).GetProperty("reason").GetString());
        Assert.Contains("Alpaca's Market Data API (feed iex) does not answer", MarketCheck(ready).GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.False, down.GetProperty("alpacaMarketData").GetProperty("answering").ValueKind);
        Assert.Contains("could not be reached", down.GetProperty("alpacaMarketData").GetProperty("lastError").GetString());
    }
}
