using System.Text.Json;
using Bunit;
using MudBlazor;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Market;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Web.Components.Dashboard;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class SymbolChartTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly DashboardServices _services;
    private readonly BunitJSInterop _js;

    public SymbolChartTests()
    {
        _services = new DashboardServices(_ctx);
        _js = _ctx.JSInterop;
        _js.Setup<string?>("wawaCharts.createCandles", _ => true).SetResult("candles-1");
        _js.Setup<string?>("wawaCharts.createPane", _ => true).SetResult("pane-1");
        _js.SetupVoid("wawaCharts.setCandles", _ => true).SetVoidResult();
        _js.SetupVoid("wawaCharts.setPane", _ => true).SetVoidResult();
        _services.Market.Publish("AAPL", Bars.Trending(0.1, 300, startPrice: 100)).Publish("MSFT", Bars.Flat(400, 300));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static JsonElement Json(object? value) => JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web);

    private IRenderedComponent<SymbolChart> RenderLoaded()
    {
        var cut = _ctx.Render<SymbolChart>();
        cut.WaitForElement("[data-testid=candle-chart]");
        return cut;
    }

    private IReadOnlyList<JsonElement> CandleUpdates() =>
        [.. _js.Invocations["wawaCharts.setCandles"].Select(i => Json(i.Arguments[1]))];

    private void PublishPortfolio()
    {
        var p = new PortfolioSnapshot(_services.Now, 1m, 1m, [], 1m, 0, 0m);
        _services.Hub.Publish(new PortfolioUpdated(p.Time, p));
    }

    [Fact]
    public void Opens_on_the_first_watchlist_symbol_with_its_last_bars_overlays_and_panes()
    {
        RenderLoaded();

        var config = Json(_js.Invocations["wawaCharts.createCandles"].Single().Arguments[1]);
        var data = config.GetProperty("data");
        Assert.Equal("AAPL", data.GetProperty("name").GetString());
        Assert.Equal(SymbolChartData.ShownBars, data.GetProperty("candles").GetArrayLength());
        Assert.Equal(["SMA 20", "EMA 20", "Upper band", "Lower band"], data.GetProperty("overlays").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        var group = config.GetProperty("group").GetString();
        var panes = _js.Invocations["wawaCharts.createPane"].Select(i => Json(i.Arguments[1])).ToList();
        Assert.Equal(["RSI 14", "Histogram"], panes.Select(p => p.GetProperty("series")[0].GetProperty("name").GetString()));
        Assert.All(panes, p => Assert.Equal(group, p.GetProperty("group").GetString()));
    }

    [Fact]
    public async Task Marks_the_symbols_fills_on_the_candles()
    {
        var bars = await _services.Market.GetHistoryAsync("AAPL", 1, CancellationToken.None);
        var decision = Decisions.Make("AAPL", withOrder: true);
        await _services.Journal.RecordDecisionAsync(decision, CancellationToken.None);
        await _services.Journal.UpdateOrderAsync(decision.Order! with
        {
            Status = OrderStatus.Filled,
            Fills = [new Fill(bars[0].Time, 10m, 123.45m, 0m)],
        }, CancellationToken.None);

        RenderLoaded();

        var marker = Json(_js.Invocations["wawaCharts.createCandles"].Single().Arguments[1]).GetProperty("data").GetProperty("markers").EnumerateArray().Single();
        Assert.Equal(("buy", 123.45, "10"), (marker.GetProperty("side").GetString(), marker.GetProperty("y").GetDouble(), marker.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Choosing_a_symbol_replaces_the_data_through_interop_without_recreating_the_charts()
    {
        var cut = RenderLoaded();

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("MSFT"));

        Assert.Equal("MSFT", CandleUpdates().Single().GetProperty("name").GetString());
        Assert.Equal(400, CandleUpdates().Single().GetProperty("candles")[0][4].GetDouble());
        Assert.Equal(2, _js.Invocations["wawaCharts.setPane"].Count);
        Assert.Single(_js.Invocations["wawaCharts.createCandles"]);
    }

    [Fact]
    public async Task Portfolio_updates_refresh_the_chart_at_most_once_a_second()
    {
        RenderLoaded();

        PublishPortfolio();
        _services.Market.Publish("AAPL", new Bar(Bars.DefaultStart.AddMinutes(300), 150, 151, 149, 150.5, 1));
        PublishPortfolio();
        PublishPortfolio();

        // The first update refreshes at once; the next two wait for the end of the second (fake clock), then refresh once.
        await Eventually.UntilAsync(() => CandleUpdates().Count >= 1, "the first refresh");
        _services.Time.Advance(TimeSpan.FromMilliseconds(999));
        await Eventually.SettleAsync();
        Assert.Single(CandleUpdates());

        _services.Time.Advance(TimeSpan.FromMilliseconds(1));

        await Eventually.UntilAsync(() => CandleUpdates().Count >= 2, "the throttled refresh");
        await Eventually.SettleAsync();
        Assert.Equal(2, CandleUpdates().Count);
        var candles = CandleUpdates()[^1].GetProperty("candles");
        Assert.Equal(150.5, candles[candles.GetArrayLength() - 1][4].GetDouble());
    }

    [Fact]
    public void A_market_that_fails_shows_a_warning()
    {
        _services.Market.Failing.Add("AAPL");

        var cut = _ctx.Render<SymbolChart>();

        cut.WaitForAssertion(() => Assert.Contains("AAPL feed is down", cut.Find("[data-testid=symbol-chart-error]").TextContent));
    }

    [Fact]
    public async Task Leaving_unsubscribes_and_stops_refreshing()
    {
        RenderLoaded();
        PublishPortfolio();
        PublishPortfolio();
        await Eventually.UntilAsync(() => CandleUpdates().Count >= 1, "the first refresh");
        Assert.Equal(1, _services.Hub.SubscriberCount);

        await _ctx.DisposeComponentsAsync();
        _services.Time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.SettleAsync();

        Assert.Equal(0, _services.Hub.SubscriberCount);
        Assert.Single(CandleUpdates());
    }
}
