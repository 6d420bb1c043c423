using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Builders;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Web.Components.Dashboard;

namespace WawaTrader.Tests.Web.Components.Dashboard;

public sealed class EquityChartTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly DashboardServices _services;

    public EquityChartTests()
    {
        _services = new DashboardServices(_ctx);
        _ctx.JSInterop.Setup<string?>("wawaCharts.create", _ => true).SetResult("chart-1");
        // AAPL 100 → 110 → 120 and MSFT 50 → 45 → 55, one-minute bars.
        _services.Market.Publish("AAPL", Bars.FromCloses(100, 110, 120)).Publish("MSFT", Bars.FromCloses(50, 45, 55));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static double Ms(DateTime utc) => (utc - DateTime.UnixEpoch).TotalMilliseconds;

    private Task SnapshotAsync(TimeSpan ago, int bar, decimal equity) =>
        _services.Journal.RecordSnapshotAsync(
            new PerformanceSnapshot(_services.Now - ago, Bars.DefaultStart.AddMinutes(bar), equity, equity, 0m, 0m), CancellationToken.None);

    /// <summary>The (equity, buy-and-hold) series last sent to the browser: by the latest setSeries, else by create.</summary>
    private (List<(double, double)> Equity, List<(double, double)> Benchmark) Shown()
    {
        static List<(double, double)> Points(JsonElement data) => [.. data.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))];
        var set = _ctx.JSInterop.Invocations["wawaCharts.setSeries"];
        if (set.Count > 0)
        {
            var series = JsonSerializer.SerializeToElement(set[^1].Arguments[1], JsonSerializerOptions.Web);
            return (Points(series[0].GetProperty("data")), Points(series[1].GetProperty("data")));
        }
        var config = JsonSerializer.SerializeToElement(_ctx.JSInterop.Invocations["wawaCharts.create"][^1].Arguments[1], JsonSerializerOptions.Web);
        return (Points(config.GetProperty("data")), Points(config.GetProperty("overlay").GetProperty("data")));
    }

    [Fact]
    public async Task Draws_every_snapshot_with_the_buy_and_hold_of_the_watchlist()
    {
        await SnapshotAsync(TimeSpan.FromHours(3), bar: 0, 10_000m);
        await SnapshotAsync(TimeSpan.FromHours(2), bar: 1, 10_200m);
        await SnapshotAsync(TimeSpan.FromHours(1), bar: 2, 10_100m);

        var cut = _ctx.Render<EquityChart>();

        var now = _services.Now;
        cut.WaitForAssertion(() => Assert.Equal(3, Shown().Equity.Count));
        var (equity, benchmark) = Shown();
        Assert.Equal([(Ms(now.AddHours(-3)), 10_000d), (Ms(now.AddHours(-2)), 10_200d), (Ms(now.AddHours(-1)), 10_100d)], equity);
        // 50 AAPL and 100 MSFT bought for 5,000 each: 10,000; 50·110 + 100·45; 50·120 + 100·55.
        Assert.Equal([(Ms(now.AddHours(-3)), 10_000d), (Ms(now.AddHours(-2)), 10_000d), (Ms(now.AddHours(-1)), 11_500d)], benchmark);
        Assert.Equal("true", cut.Find("[data-testid=range-All]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Buy_and_hold_prices_the_past_at_the_closes_the_agent_recorded()
    {
        // The agent decided AAPL at 200 and 220 (the market now regenerates those bars at 100 and 110, as after a restart).
        foreach (var (symbol, bar, close) in new[] { ("AAPL", 0, 200d), ("AAPL", 1, 220d), ("MSFT", 0, 50d), ("MSFT", 1, 45d) })
        {
            var decision = JournalData.Decision(symbol, barTime: Bars.DefaultStart.AddMinutes(bar));
            await _services.Journal.RecordDecisionAsync(decision with { Indicators = decision.Indicators with { Close = close } }, CancellationToken.None);
        }
        await SnapshotAsync(TimeSpan.FromHours(3), bar: 0, 10_000m);
        await SnapshotAsync(TimeSpan.FromHours(2), bar: 1, 10_200m);
        await SnapshotAsync(TimeSpan.FromHours(1), bar: 2, 10_100m);

        var cut = _ctx.Render<EquityChart>();

        // 25 AAPL at 200 and 100 MSFT at 50: 10,000; 25·220 + 100·45; then the market's closes after the recorded ones, 25·120 + 100·55.
        cut.WaitForAssertion(() => Assert.Equal([10_000d, 10_000d, 8_500d], Shown().Benchmark.Select(p => p.Item2)));
    }

    [Fact]
    public async Task Hours_without_snapshots_end_the_line_instead_of_bridging_them()
    {
        // Every 10 minutes for half an hour, then nothing for 8.5 hours (the app was stopped), then two more.
        foreach (var minutes in new[] { 600, 590, 580, 570, 60, 50 }) await SnapshotAsync(TimeSpan.FromMinutes(minutes), bar: 2, 10_000m);

        var cut = _ctx.Render<EquityChart>();

        cut.WaitForAssertion(() => Assert.Single(_ctx.JSInterop.Invocations["wawaCharts.create"]));
        var config = JsonSerializer.SerializeToElement(_ctx.JSInterop.Invocations["wawaCharts.create"][^1].Arguments[1], JsonSerializerOptions.Web);
        var equity = config.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(7, equity.Count);
        Assert.Equal(JsonValueKind.Null, equity[4][1].ValueKind);
        Assert.InRange(equity[4][0].GetDouble(), Ms(_services.Now.AddMinutes(-570)), Ms(_services.Now.AddMinutes(-60)));
    }

    [Fact]
    public async Task The_one_day_range_keeps_the_last_day_and_restarts_buy_and_hold_at_its_first_snapshot()
    {
        await SnapshotAsync(TimeSpan.FromDays(2), bar: 0, 10_000m);
        await SnapshotAsync(TimeSpan.FromHours(5), bar: 1, 12_000m);
        await SnapshotAsync(TimeSpan.FromHours(1), bar: 2, 12_500m);
        var cut = _ctx.Render<EquityChart>();

        cut.Find("[data-testid=range-1D]").Click();

        var now = _services.Now;
        cut.WaitForAssertion(() =>
        {
            var (equity, benchmark) = Shown();
            Assert.Equal([(Ms(now.AddHours(-5)), 12_000d), (Ms(now.AddHours(-1)), 12_500d)], equity);
            // 6,000 each at 110 and 45, marked at 120 and 55.
            Assert.Equal(2, benchmark.Count);
            Assert.Equal((Ms(now.AddHours(-5)), 12_000d), benchmark[0]);
            Assert.Equal(6_000d * 120 / 110 + 6_000d * 55 / 45, benchmark[1].Item2, 6);
        });
        Assert.Equal("true", cut.Find("[data-testid=range-1D]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-testid=range-All]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_portfolio_update_appends_equity_and_buy_and_hold_at_the_latest_closes()
    {
        await SnapshotAsync(TimeSpan.FromHours(1), bar: 0, 10_000m);
        var append = _ctx.JSInterop.SetupVoid("wawaCharts.appendPoint", _ => true);
        append.SetVoidResult();
        var cut = _ctx.Render<EquityChart>();
        cut.WaitForAssertion(() => Assert.Single(Shown().Equity));

        var portfolio = new PortfolioSnapshot(_services.Now, 10_300m, 10_300m, [], 10_000m, 0, 0m);
        _services.Hub.Publish(new PortfolioUpdated(portfolio.Time, portfolio));

        // Latest closes 120 and 55: 50·120 + 100·55.
        await Eventually.UntilAsync(() => append.Invocations.Count >= 2, "both points appended");
        Assert.Equal(
            [("chart-1", 0, Ms(_services.Now), 10_300d), ("chart-1", 1, Ms(_services.Now), 11_500d)],
            append.Invocations.Select(i => ((string)i.Arguments[0]!, (int)i.Arguments[1]!, (double)i.Arguments[2]!, (double)i.Arguments[3]!)));
    }

    [Fact]
    public async Task A_journal_that_fails_shows_a_warning_instead_of_the_history()
    {
        _ctx.Services.AddSingleton<IDecisionJournal>(new FailingJournal());
        var cut = _ctx.Render<EquityChart>();

        cut.WaitForAssertion(() => Assert.Contains("database is locked", cut.Find("[data-testid=equity-chart-error]").TextContent));
        await cut.InvokeAsync(() => { }); // the chart stays usable: no exception escaped the component
    }

    [Fact]
    public async Task Leaving_unsubscribes_from_the_hub()
    {
        _ctx.Render<EquityChart>();
        Assert.Equal(1, _services.Hub.SubscriberCount);

        await _ctx.DisposeComponentsAsync();

        Assert.Equal(0, _services.Hub.SubscriberCount);
    }

    private sealed class FailingJournal : IDecisionJournal
    {
        private static Exception Locked() => new InvalidOperationException("database is locked");
        public Task RecordDecisionAsync(DecisionRecord decision, CancellationToken cancellationToken) => throw Locked();
        public Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken) => throw Locked();
        public Task<IReadOnlyList<OrderRecord>> GetOpenOrdersAsync(CancellationToken cancellationToken) => throw Locked();
        public Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(string? symbol, int limit, CancellationToken cancellationToken) => throw Locked();
        public Task<DecisionRecord?> GetDecisionAsync(Guid id, CancellationToken cancellationToken) => throw Locked();
        public Task<IReadOnlyList<TradeRecord>> GetTradesAsync(int limit, CancellationToken cancellationToken) => throw Locked();
        public Task<int> CountOrdersSinceAsync(DateTime marketTimeFrom, CancellationToken cancellationToken) => throw Locked();
        public Task RecordSnapshotAsync(PerformanceSnapshot snapshot, CancellationToken cancellationToken) => throw Locked();
        public Task<IReadOnlyDictionary<string, IReadOnlyList<WawaTrader.Core.Market.RecordedBar>>> GetDecidedClosesAsync(DateTime marketTimeFrom, CancellationToken cancellationToken) => throw Locked();
        public Task<IReadOnlyList<PerformanceSnapshot>> GetSnapshotsAsync(DateTime? from, int limit, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<PerformanceSnapshot>>(Locked());
        public Task<DecisionPage> QueryDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken) => throw Locked();
        public IAsyncEnumerable<DecisionRecord> StreamDecisionsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) => throw Locked();
        public IAsyncEnumerable<TradeRecord> StreamTradesAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) => throw Locked();
        public IAsyncEnumerable<PerformanceSnapshot> StreamSnapshotsAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken) => throw Locked();
    }
}
