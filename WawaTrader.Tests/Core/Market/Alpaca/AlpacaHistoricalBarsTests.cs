using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Market.Alpaca;

public sealed class AlpacaHistoricalBarsTests
{
    private static readonly Bar[] Spy = CsvBarReader.ReadFile(SharedData.MarketFile("SPY-2017-2018-daily.csv"));
    private static readonly DateOnly First = new(2017, 1, 3);
    private static readonly DateOnly Last = new(2018, 12, 31);

    [Fact]
    public async Task Follows_next_page_token_across_three_pages_and_returns_the_bars_of_the_file_with_its_times()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        server.PageSize = 200;
        await using var alpaca = AlpacaHarness.Create(server);

        var bars = await alpaca.Bars.GetBarsAsync("spy", "1Day", First, Last, CancellationToken.None);

        Assert.Equal(Spy, bars);
        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.False(requests[0].Query.ContainsKey("page_token"));
        Assert.All(requests.Skip(1), r => Assert.True(r.Query.ContainsKey("page_token")));
        Assert.NotEqual(requests[1].Query["page_token"], requests[2].Query["page_token"]);
    }

    [Fact]
    public async Task Sends_the_key_headers_and_the_documented_query()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        await using var alpaca = AlpacaHarness.Create(server, new Dictionary<string, string?> { ["Alpaca:Feed"] = "sip", ["Alpaca:Adjustment"] = "split" });

        var bars = await alpaca.Bars.GetBarsAsync("SPY", "1day", new DateOnly(2018, 7, 2), new DateOnly(2018, 7, 31), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v2/stocks/SPY/bars", request.Path);
        Assert.Equal(server.KeyId, request.KeyId);
        Assert.Equal(server.SecretKey, request.SecretKey);
        Assert.Equal("1Day", request.Query["timeframe"]);
        Assert.Equal("2018-07-02T04:00:00Z", request.Query["start"]); // midnight New York (EDT)
        Assert.Equal("2018-08-01T03:59:59Z", request.Query["end"]);   // the last second of July 31 in New York
        Assert.Equal("10000", request.Query["limit"]);
        Assert.Equal("sip", request.Query["feed"]);
        Assert.Equal("split", request.Query["adjustment"]);
        Assert.Equal(Spy.Where(b => b.Time.Year == 2018 && b.Time.Month == 7), bars);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Retries_a_transient_failure_and_returns_the_bars(int status)
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        server.Enqueue(new AlpacaReply.Error(status, "slow down", RetryAfterSeconds: 0), new AlpacaReply.Error(status, "slow down"));
        await using var alpaca = AlpacaHarness.Create(server);

        var bars = await alpaca.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None);

        Assert.Equal(Spy, bars);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_failure_that_outlasts_the_retries_says_so()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        server.Enqueue(Enumerable.Repeat<AlpacaReply>(new AlpacaReply.Error(429, "too many requests"), 3).ToArray());
        await using var alpaca = AlpacaHarness.Create(server, new Dictionary<string, string?> { ["Alpaca:MaxRetries"] = "2" });

        var ex = await Assert.ThrowsAsync<AlpacaException>(() => alpaca.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None));

        Assert.Equal(AlpacaFailure.Unavailable, ex.Failure);
        Assert.Equal(429, ex.StatusCode);
        Assert.Contains("too many requests", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Refused_keys_are_a_clear_error_that_does_not_repeat_them()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        const string wrongSecret = "wrong-secret-0123456789";
        await using var alpaca = AlpacaHarness.Create(server, new Dictionary<string, string?> { ["Alpaca:SecretKey"] = wrongSecret });

        var ex = await Assert.ThrowsAsync<AlpacaException>(() => alpaca.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None));

        Assert.Equal(AlpacaFailure.KeysRefused, ex.Failure);
        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("Alpaca__KeyId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Alpaca__SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.KeyId, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(server.Requests); // not retried
    }

    [Fact]
    public async Task A_422_names_the_symbol_and_carries_alpacas_message()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Enqueue(new AlpacaReply.Error(422, "invalid symbol: SPY!"));
        await using var alpaca = AlpacaHarness.Create(server);

        var ex = await Assert.ThrowsAsync<AlpacaException>(() => alpaca.Bars.GetBarsAsync("SPY!", "1Day", First, Last, CancellationToken.None));

        Assert.Equal(AlpacaFailure.Rejected, ex.Failure);
        Assert.Equal("SPY!", ex.Symbol);
        Assert.Contains("invalid symbol: SPY!", ex.Message, StringComparison.Ordinal);
        Assert.Contains("422", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("{\"bars\":[{\"t\":\"2018-01-02T05:00:00Z\",\"o\":1,")]
    [InlineData("<html>gateway</html>")]
    [InlineData("{\"bars\":[{\"t\":\"yesterday\",\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":10}],\"next_page_token\":null}")]
    [InlineData("{\"bars\":[{\"t\":\"2018-01-02T05:00:00Z\",\"o\":1,\"h\":2,\"l\":0.5,\"v\":10}],\"next_page_token\":null}")]
    public async Task A_malformed_answer_is_an_invalid_response_naming_the_symbol(string body)
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Enqueue(new AlpacaReply.Raw(body));
        await using var alpaca = AlpacaHarness.Create(server);

        var ex = await Assert.ThrowsAsync<AlpacaException>(() => alpaca.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None));

        Assert.Equal(AlpacaFailure.InvalidResponse, ex.Failure);
        Assert.Contains("SPY", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"NaN\"", "2", "0.5", "10", "open")]
    [InlineData("1", "2", "0.5", "-10", "volume -10 is negative")]
    [InlineData("1", "0.5", "2", "10", "high 0.5 is below low 2")]
    [InlineData("1", "\"Infinity\"", "0.5", "10", "high")]
    public async Task A_bar_with_an_invalid_value_is_refused_naming_symbol_and_time(string open, string high, string low, string volume, string problem)
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        var good = "{\"t\":\"2018-01-02T05:00:00Z\",\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":10}";
        var bad = $"{{\"t\":\"2018-01-03T05:00:00Z\",\"o\":{open},\"h\":{high},\"l\":{low},\"c\":1.5,\"v\":{volume},\"n\":3,\"vw\":1.2}}";
        server.Enqueue(new AlpacaReply.Raw($"{{\"bars\":[{good},{bad}],\"symbol\":\"QQQ\",\"next_page_token\":null}}"));
        await using var alpaca = AlpacaHarness.Create(server);

        var ex = await Assert.ThrowsAsync<AlpacaException>(() => alpaca.Bars.GetBarsAsync("QQQ", "1Day", First, Last, CancellationToken.None));

        Assert.Equal(AlpacaFailure.InvalidResponse, ex.Failure);
        Assert.Contains("QQQ bar at 2018-01-03 05:00:00 UTC", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"bars\":null,\"symbol\":\"ZZZZ\",\"next_page_token\":null}")]
    [InlineData("{\"bars\":[],\"symbol\":\"ZZZZ\",\"next_page_token\":null}")]
    public async Task No_bars_in_the_range_is_an_empty_result(string body)
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Enqueue(new AlpacaReply.Raw(body));
        await using var alpaca = AlpacaHarness.Create(server);

        var bars = await alpaca.Bars.GetBarsAsync("ZZZZ", "1Day", First, Last, CancellationToken.None);

        Assert.Empty(bars);
    }

    [Fact]
    public async Task A_symbol_the_server_has_no_bars_for_is_an_empty_result()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        await using var alpaca = AlpacaHarness.Create(server);

        var bars = await alpaca.Bars.GetBarsAsync("MSFT", "1Day", new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), CancellationToken.None);

        Assert.Empty(bars);
    }

    [Fact]
    public async Task Without_keys_nothing_is_sent_and_the_error_names_the_variables_to_set()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var alpaca = AlpacaHarness.Create(server, new Dictionary<string, string?> { ["Alpaca:KeyId"] = null, ["Alpaca:SecretKey"] = "" });

        var ex = await Assert.ThrowsAsync<AlpacaException>(() => alpaca.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None));

        Assert.False(alpaca.Bars.HasKeys);
        Assert.Equal(AlpacaFailure.KeysMissing, ex.Failure);
        Assert.Contains("set the environment variables Alpaca__KeyId and Alpaca__SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_unreachable_server_is_unavailable_naming_the_url()
    {
        string url;
        await using (var closed = await FakeAlpacaDataServer.StartAsync()) url = closed.BaseUrl; // a port nobody listens on any more
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var alpaca = AlpacaHarness.Create(server, new Dictionary<string, string?> { ["Alpaca:DataUrl"] = url, ["Alpaca:MaxRetries"] = "1" });

        var ex = await Assert.ThrowsAsync<AlpacaException>(() => alpaca.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None));

        Assert.Equal(AlpacaFailure.Unavailable, ex.Failure);
        Assert.Contains(url, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Alpaca:DataUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minute_bars_keep_their_utc_open_time()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        var minutes = Enumerable.Range(0, 5).Select(i => new Bar(new DateTime(2020, 12, 15, 14, 30 + i, 0, DateTimeKind.Utc), 367 + i, 368 + i, 366 + i, 367.5 + i, 1000 * (i + 1))).ToArray();
        server.Serve("SPY", minutes, daily: false);
        await using var alpaca = AlpacaHarness.Create(server);

        var bars = await alpaca.Bars.GetBarsAsync("SPY", "1Min", new DateOnly(2020, 12, 15), new DateOnly(2020, 12, 15), CancellationToken.None);

        Assert.Equal(minutes, bars);
        Assert.Equal("1Min", Assert.Single(server.Requests).Query["timeframe"]);
    }

    [Fact]
    public async Task The_keys_never_reach_a_log_line_or_an_error()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        server.Serve("SPY", Spy);
        server.PageSize = 300;
        server.Enqueue(new AlpacaReply.Error(429, "slow down", 0));
        await using var alpaca = AlpacaHarness.Create(server);
        const string refusedSecret = "refused-secret-5555";
        await using var refused = AlpacaHarness.Create(server, new Dictionary<string, string?> { ["Alpaca:SecretKey"] = refusedSecret });

        await alpaca.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<AlpacaException>(() => refused.Bars.GetBarsAsync("SPY", "1Day", First, Last, CancellationToken.None));

        var logs = alpaca.Logs.Entries.Concat(refused.Logs.Entries).ToArray();
        Assert.Contains(logs, l => l.Contains("APCA-API-KEY-ID", StringComparison.Ordinal)); // headers were logged, values redacted
        Assert.Contains(logs, l => l.Contains("Fetched 502 1Day bar(s) of SPY", StringComparison.Ordinal));
        foreach (var secret in new[] { server.KeyId, server.SecretKey, refusedSecret })
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_anything_is_sent()
    {
        await using var server = await FakeAlpacaDataServer.StartAsync();
        await using var alpaca = AlpacaHarness.Create(server);

        await Assert.ThrowsAsync<ArgumentException>(() => alpaca.Bars.GetBarsAsync("SPY", "2Days", First, Last, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => alpaca.Bars.GetBarsAsync("SPY", "1Day", Last, First, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => alpaca.Bars.GetBarsAsync(" ", "1Day", First, Last, CancellationToken.None));
        Assert.Empty(server.Requests);
    }
}
