using WawaTrader.Core.Analysis;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>The limits on new risk never trap the trader in a position: a stop-loss goes out and fills once the day's trades are used up.</summary>
public sealed class TradingCycleStopLossTests
{
    [Fact]
    public async Task A_stop_loss_sells_and_fills_after_the_trades_per_day_limit_is_reached_while_buys_stay_refused()
    {
        var scripted = new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy).Propose("MSFT", TradeAction.Buy);
        var analyst = new HandOver(scripted);
        var h = new CycleHarness(analyst, "AAPL", "MSFT");
        h.Risk.Set(new RiskOptions { MaxTradesPerDay = 2 });
        h.ServeHistory("AAPL", 100);
        h.ServeHistory("MSFT", 50);
        await h.RunAsync(); // buys 50 AAPL and 100 MSFT: 2 of 2 trades used today
        scripted.Propose("AAPL", TradeAction.Hold);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Market.PublishNext("AAPL", 100, 100);
        h.Market.PublishNext("MSFT", 50, 50);
        await h.RunAsync(); // both fill; the second MSFT buy is refused

        // AAPL falls by half, far below its average price less 2 ATR: the real technical analyst's stop-loss.
        analyst.ToTechnical("AAPL");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Market.PublishNext("AAPL", 100, 50);
        await h.RunAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var next = h.Market.PublishNext("AAPL", 50, 50);
        await h.RunAsync();

        var decisions = await h.DecisionsAsync();
        var refusedBuy = Assert.Single(decisions, d => d.Symbol == "MSFT" && !d.Approved);
        Assert.Equal([RiskRules.TradesPerDay], refusedBuy.RiskChecks.Where(c => !c.Passed).Select(c => c.Rule));
        var stopLoss = Assert.Single(decisions, d => d.Symbol == "AAPL" && d.Action == TradeAction.Sell);
        Assert.StartsWith("Stop-loss SELL", stopLoss.Reasoning);
        Assert.True(stopLoss.Approved, string.Join("; ", stopLoss.RiskChecks.Where(c => !c.Passed).Select(c => c.Reason)));
        var trades = Assert.Single(stopLoss.RiskChecks, c => c.Rule == RiskRules.TradesPerDay);
        Assert.Equal((true, true, 3.0), (trades.Passed, trades.Waived, trades.Value));
        Assert.Equal("Waived: a sell that closes the AAPL position adds no risk; 2 of 2 trades used today", trades.Reason);
        // Half of a 5% position lost: 2.5% of the day's starting equity, past the 2% daily-loss limit, waived as well.
        var dailyLoss = Assert.Single(stopLoss.RiskChecks, c => c.Rule == RiskRules.DailyLoss);
        Assert.Equal((true, true), (dailyLoss.Passed, dailyLoss.Waived));
        Assert.True(dailyLoss.Value > 2, $"day loss {dailyLoss.Value}%");
        // 50 × (1 − 10 bps) = 49.95; commission 50 × 0.005 = 0.25.
        var order = await h.OrderOfAsync(stopLoss.Id);
        Assert.Equal((OrderSide.Sell, OrderStatus.Filled), (order.Side, order.Status));
        Assert.Equal(new Fill(next.Time, 50m, 49.95m, 0.25m), Assert.Single(order.Fills));
        Assert.DoesNotContain(h.EventsOf<PortfolioUpdated>()[^1].Portfolio.Positions, p => p.Symbol == "AAPL");
    }

    /// <summary>Proposes what the script says until a symbol is handed over to the real <see cref="TechnicalAnalyst"/>.</summary>
    private sealed class HandOver(ScriptedAnalyst scripted) : IAnalyst
    {
        private readonly TechnicalAnalyst _technical = new(new TechnicalAnalystOptions());
        private readonly HashSet<string> _technicalSymbols = [];

        public void ToTechnical(string symbol)
        {
            lock (_technicalSymbols) _technicalSymbols.Add(symbol);
        }

        public Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
        {
            bool technical;
            lock (_technicalSymbols) technical = _technicalSymbols.Contains(context.Symbol);
            return technical ? _technical.AnalyzeAsync(context, cancellationToken) : scripted.AnalyzeAsync(context, cancellationToken);
        }
    }
}
