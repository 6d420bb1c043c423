using Bunit;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Web.Components.DecisionPages;
using TradesPage = WawaTrader.Web.Components.Pages.Trades;

namespace WawaTrader.Tests.Web.Components.Trades;

public sealed class TradesPageTests
{
    private readonly InMemoryDecisionJournal _journal = new();

    /// <summary>A filled order sent at <paramref name="sentAt"/> (wall time) with one fill.</summary>
    private async Task FillAsync(DateTime sentAt, TradeAction action, decimal qty, decimal price, decimal commission)
    {
        var decision = Decisions.Make("AAPL", action, time: sentAt, withOrder: true);
        await _journal.RecordDecisionAsync(decision, CancellationToken.None);
        await _journal.UpdateOrderAsync(decision.Order! with
        {
            Quantity = qty, Status = OrderStatus.Filled, Fills = [new Fill(sentAt.AddSeconds(30), qty, price, commission)],
        }, CancellationToken.None);
    }

    [Fact]
    public async Task Fill_times_are_in_the_viewers_zone_with_new_york_time_beside()
    {
        // Filled on the bars of 2024-03-01 15:30:30 and 15:35:30 UTC: 07:30:30 and 07:35:30 in Los Angeles, 10:30 and 10:35 in New York.
        await FillAsync(Decisions.T0, TradeAction.Buy, 10, 100, 1);
        await FillAsync(Decisions.T0.AddMinutes(5), TradeAction.Sell, 10, 110, 1);
        await using var ctx = PageContext.Create(_journal, s => s.AddViewerZone());

        var cut = ctx.Render<TradesPage>();
        cut.WaitForElement("[data-testid=circuit-ready]", PageContext.Wait);

        Assert.Equal("Filled, bar time (America/Los_Angeles)", cut.Find("[data-testid=fills-table] th").TextContent.Trim());
        Assert.Equal(["2024-03-01 07:35:30", "2024-03-01 07:30:30"], cut.FindAll("[data-testid=fills-table] [data-testid=bar-time]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["10:35 New York", "10:30 New York"], cut.FindAll("[data-testid=fills-table] [data-testid=bar-market-time]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Entry filled, bar time (America/Los_Angeles)", cut.Find("[data-testid=round-trips-table]").TextContent);
        Assert.Equal(["2024-03-01 07:30:30", "2024-03-01 07:35:30"], cut.FindAll("[data-testid=round-trips-table] [data-testid=bar-time]").Select(e => e.TextContent.Trim()));
        Assert.DoesNotContain("UTC", cut.Find("[data-testid=fills-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_fills_and_round_trips_with_net_pnl_and_totals()
    {
        // Buy 10 @ 100 (c 1), sell 10 @ 110 (c 1): net +98.00, +9.80 %.
        await FillAsync(Decisions.T0, TradeAction.Buy, 10, 100, 1);
        await FillAsync(Decisions.T0.AddMinutes(5), TradeAction.Sell, 10, 110, 1);
        await using var ctx = PageContext.Create(_journal);

        var cut = ctx.Render<TradesPage>();
        cut.WaitForElement("[data-testid=circuit-ready]", PageContext.Wait);

        Assert.Equal(2, cut.FindAll("[data-testid=fill-row]").Count);
        Assert.Single(cut.FindAll("[data-testid=round-trip-row]"));
        Assert.Equal("+$98.00", cut.Find("[data-testid=round-trip-pnl]").TextContent.Trim());
        Assert.Equal("+9.80%", cut.Find("[data-testid=round-trip-return]").TextContent.Trim());
        Assert.Equal("+$98.00", cut.Find("[data-testid=round-trip-total]").TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-testid=round-trip-winners]").TextContent.Trim());
    }

    [Fact]
    public async Task A_range_keeps_round_trips_closed_in_it_paired_with_entries_before_it()
    {
        var day1 = Decisions.T0;
        var day2 = Decisions.T0.AddDays(1);
        await FillAsync(day1, TradeAction.Buy, 10, 100, 0);
        await FillAsync(day2, TradeAction.Sell, 10, 90, 0);
        await using var ctx = PageContext.Create(_journal);
        var cut = ctx.Render<TradesPage>();
        cut.WaitForElement("[data-testid=circuit-ready]", PageContext.Wait);
        var bar = cut.FindComponent<WawaTrader.Web.Components.Trades.DayRangeBar>();

        await cut.InvokeAsync(() => bar.Instance.RangeChanged.InvokeAsync(new MudBlazor.DateRange(day2.Date, day2.Date)));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=fill-row]")), PageContext.Wait);
        Assert.Equal("-$100.00", cut.Find("[data-testid=round-trip-pnl]").TextContent.Trim());
        Assert.Equal("/api/export/trades?format=csv&from=2024-03-02&to=2024-03-03", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Equal("/api/export/trades?format=json&from=2024-03-02&to=2024-03-03", cut.Find("[data-testid=export-json]").GetAttribute("href"));
    }

    [Fact]
    public async Task Without_trades_says_so_and_links_the_whole_export()
    {
        await using var ctx = PageContext.Create(_journal);

        var cut = ctx.Render<TradesPage>();
        cut.WaitForElement("[data-testid=circuit-ready]", PageContext.Wait);

        Assert.NotNull(cut.Find("[data-testid=no-fills]"));
        Assert.NotNull(cut.Find("[data-testid=no-round-trips]"));
        Assert.Equal("/api/export/trades?format=csv", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }
}
