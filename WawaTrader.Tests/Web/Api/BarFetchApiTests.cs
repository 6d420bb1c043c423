using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Market;
using WawaTrader.Tests.Core.Market.Alpaca;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Web.Api;

public abstract class BarFetchApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : BarFetchApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : BarFetchApiTests(TestProvider.Postgres);

    private static readonly Bar[] Spy = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));

    [Fact]
    public async Task Post_fetch_fills_the_cache_with_alpacas_bars_and_answers_per_symbol()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        server.PageSize = 250;
        await using var app = App(server);
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/bars/fetch", new { symbols = new[] { "spy", "MSFT" }, from = "2017-01-01", to = "2018-12-31" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await response.Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal(2, results!.Length);
        Assert.Equal("SPY", results[0].GetProperty("symbol").GetString());
        Assert.Equal(Spy.Length, results[0].GetProperty("added").GetInt32());
        Assert.Equal(0, results[0].GetProperty("unchanged").GetInt32());
        Assert.Equal(Spy[0].Time, results[0].GetProperty("first").GetDateTime().ToUniversalTime());
        Assert.Equal("MSFT", results[1].GetProperty("symbol").GetString());
        Assert.Equal(0, results[1].GetProperty("added").GetInt32());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("first").ValueKind);
        var cached = await app.Services.GetRequiredService<IBarCache>().GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, CancellationToken.None);
        Assert.Equal(Spy, cached);
        Assert.Equal(3, server.Requests.Count(r => r.Path.Contains("/SPY/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Minute_bars_for_a_symbol_cached_as_daily_are_a_409_and_nothing_is_written()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        var minutes = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2020-12-1min.csv"));
        server.Serve("SPY", minutes.Select(b => b with { Time = b.Time.AddHours(5) }), daily: false); // the file's New York times, in UTC
        await using var app = App(server);
        var cache = app.Services.GetRequiredService<IBarCache>();
        await cache.UpsertAsync("SPY", Spy, CancellationToken.None);
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/bars/fetch", new { symbols = new[] { "SPY" }, from = "2020-12-01", to = "2020-12-31", timeframe = "1Min" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("holds daily bars of SPY", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Spy, await cache.GetBarsAsync("SPY", DateTime.MinValue, DateTime.MaxValue, CancellationToken.None));
    }

    [Theory]
    [InlineData("{\"from\":\"2018-01-01\"}", "symbols")]
    [InlineData("{\"symbols\":[\"SPY\",\"no way\"],\"from\":\"2018-01-01\"}", "symbols[1]")]
    [InlineData("{\"symbols\":[\"SPY\"]}", "from")]
    [InlineData("{\"symbols\":[\"SPY\"],\"from\":\"01/02/2018\"}", "from")]
    [InlineData("{\"symbols\":[\"SPY\"],\"from\":\"2018-01-02\",\"to\":\"2017-01-01\"}", "to")]
    [InlineData("{\"symbols\":[\"SPY\"],\"from\":\"2018-01-02\",\"timeframe\":\"1Fortnight\"}", "timeframe")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var app = App(server);
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/bars/fetch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.GetRawText());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_symbol_alpaca_rejects_is_a_400_on_that_symbol_with_alpacas_message()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        await using var app = App(server);
        using var client = app.CreateClient();
        server.Enqueue(new AlpacaReply.Raw("{\"bars\":null,\"symbol\":\"QQQ\",\"next_page_token\":null}"), new AlpacaReply.Error(422, "invalid symbol: XX.YY"));

        var response = await client.PostAsJsonAsync("/api/bars/fetch", new { symbols = new[] { "QQQ", "xx.yy" }, from = "2018-01-01", to = "2018-02-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("symbols[1]")[0].GetString();
        Assert.Contains("invalid symbol: XX.YY", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_keys_it_is_a_503_naming_the_variables_to_set()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var app = App(server, new() { ["Alpaca:KeyId"] = "", ["Alpaca:SecretKey"] = "" });
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/bars/fetch", new { symbols = new[] { "SPY" }, from = "2018-01-01" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("Alpaca__KeyId and Alpaca__SecretKey", detail, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Refused_keys_are_a_502_whose_body_does_not_hold_them()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        const string secret = "api-refused-secret-2718";
        await using var app = App(server, new() { ["Alpaca:SecretKey"] = secret });
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/bars/fetch", new { symbols = new[] { "SPY" }, from = "2018-01-01" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("refused the API keys", body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(server.KeyId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_api_shows_the_alpaca_section_without_the_key_values()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var app = App(server);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync("/api/settings/Alpaca");

        Assert.Contains(server.BaseUrl, body, StringComparison.Ordinal);
        Assert.Contains("\"feed\":\"iex\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(server.KeyId, body, StringComparison.Ordinal);
        Assert.DoesNotContain(server.SecretKey, body, StringComparison.Ordinal);
    }

    private WawaTraderAppFactory App(FakeAlpacaDataServer server, Dictionary<string, string?>? overrides = null)
    {
        var settings = AlpacaHarness.Settings(server, overrides);
        settings["Trading:StartOnLaunch"] = "false";
        return App(settings);
    }
}
