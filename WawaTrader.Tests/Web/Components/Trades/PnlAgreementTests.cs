using Bunit;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Brokers;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Api;
using WawaTrader.Web.Components.Dashboard;
using TradesPage = WawaTrader.Web.Components.Pages.Trades;

namespace WawaTrader.Tests.Web.Components.Trades;

/// <summary>
/// One definition of realised P&amp;L: the paper broker's account (the dashboard's card and <c>/api/portfolio</c>) and the Trades
/// page's round trips give the same figure for the same fills, with commissions on every fill and a lot still open.
/// </summary>
public sealed class PnlAgreementTests
{
    private const string Aapl = "AAPL";

    /// <summary>Buys 10 @ 100 and 30 @ 104, sells 10 @ 110 and 20 @ 98, buys 5 @ 99 (0.01 a share of commission each time),
    /// and records every fill in <paramref name="journal"/> as the agent would.</summary>
    private static async Task<PaperHarness> TradeAsync(InMemoryDecisionJournal journal)
    {
        var paper = new PaperHarness(PaperHarness.Costs(commissionPerShare: 0.01m));
        var script = new (string Id, OrderSide Side, decimal Quantity, decimal Open)[]
        {
            ("b1", OrderSide.Buy, 10, 100), ("b2", OrderSide.Buy, 30, 104), ("s1", OrderSide.Sell, 10, 110),
            ("s2", OrderSide.Sell, 20, 98), ("b3", OrderSide.Buy, 5, 99),
        };
        await paper.BarAsync(Aapl, 100m, 100m);
        foreach (var (id, side, quantity, open) in script)
        {
            if (side == OrderSide.Buy) await paper.BuyAsync(id, Aapl, quantity);
            else await paper.SellAsync(id, Aapl, quantity);
            await paper.BarAsync(Aapl, open, open + 1);
            var filled = await paper.OrderAsync(id);
            var decision = Decisions.Make(Aapl, side == OrderSide.Buy ? TradeAction.Buy : TradeAction.Sell, time: filled.Fills[0].Time, withOrder: true);
            await journal.RecordDecisionAsync(decision, CancellationToken.None);
            await journal.UpdateOrderAsync(decision.Order! with { Quantity = quantity, Status = OrderStatus.Filled, Fills = filled.Fills },
                CancellationToken.None);
        }
        return paper;
    }

    [Fact]
    public async Task Dashboard_api_and_trades_page_show_the_same_realised_pnl()
    {
        var journal = new InMemoryDecisionJournal();
        var paper = await TradeAsync(journal);
        var portfolio = new PortfolioService(paper.Broker, journal, paper.Time);
        var snapshot = await portfolio.RefreshAsync(paper.Time.GetUtcNow().UtcDateTime, CancellationToken.None);
        var fills = new List<TradeRecord>();
        await foreach (var fill in journal.StreamTradesAsync(null, null, CancellationToken.None)) fills.Add(fill);
        await using var ctx = PageContext.Create(journal);

        var api = PortfolioDto.From(snapshot).RealizedPnl;
        var roundTrips = RoundTrips.Match(fills).TotalNetPnl;
        var cards = ctx.Render<PortfolioCards>(p => p.Add(c => c.Portfolio, snapshot));
        var trades = ctx.Render<TradesPage>();
        trades.WaitForElement("[data-testid=circuit-ready]", PageContext.Wait);

        // (110 − 103) × 10 − 0.10 − 0.40 × 10/40 = 69.80; (98 − 103) × 20 − 0.20 − 0.30 × 20/30 = −100.40; the 10 left
        // and the 5 bought last are open.
        Assert.Equal(-30.60m, api);
        Assert.Equal(api, roundTrips);
        Assert.Contains("realised -$30.60", cards.Find("[data-testid=card-equity]").TextContent);
        Assert.Equal("-$30.60", trades.Find("[data-testid=round-trip-total]").TextContent.Trim());
    }

    [Fact]
    public async Task The_open_lot_carries_its_buy_commission_in_unrealised_pnl_and_the_two_add_up_to_the_equity_change()
    {
        var paper = await TradeAsync(new InMemoryDecisionJournal());

        var account = await paper.AccountAsync();

        var position = Assert.Single(account.Positions);
        // 10 left of the first 40 (carrying 0.10 of their buy commissions) and 5 bought at 99 (0.05).
        Assert.Equal((15m, 0.15m), (position.Quantity, position.OpenCommission));
        Assert.Equal(15m * (position.LastPrice - position.AveragePrice) - 0.15m, position.UnrealizedPnl);
        // Exact but for the last digit of an average price of 101.666...
        Assert.Equal(account.Equity - 100_000m, Math.Round(account.RealizedPnl + position.UnrealizedPnl, 20));
    }
}
