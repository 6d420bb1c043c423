using System.Globalization;
using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Risk;

/// <summary>The figures the risk rules read must be the snapshot's own, decimal for decimal (scale included), with or without
/// positions and pending buys in the order's symbol and others.</summary>
public sealed class RiskPortfolioTests
{
    [Theory]
    [InlineData("AAPL")]
    [InlineData("MSFT")]
    [InlineData("NVDA")]
    public void Figures_are_the_snapshots_own(string symbol)
    {
        var snapshot = PortfolioBuilder.WithEquity(100_000.50m).DayStartEquity(99_000.125m).TradesToday(3)
            .Holding("MSFT", 120, 101.2345m, averagePrice: 99.5m).Holding("NVDA", -4, 900.1m).Build() with
        {
            PendingBuys = [new PendingBuy("AAPL", 7m, 180.25m), new PendingBuy("MSFT", 3m, 101.2345m), new PendingBuy("AMZN", 2.5m, 130.1m)],
        };

        var figures = RiskPortfolio.Of(snapshot, symbol);

        var held = snapshot.PositionOf(symbol);
        AssertSame(snapshot.Equity, figures.Equity);
        AssertSame(snapshot.DayStartEquity, figures.DayStartEquity);
        AssertSame(snapshot.DayPnl, figures.DayPnl);
        Assert.Equal(snapshot.TradesToday, figures.TradesToday);
        AssertSame(snapshot.Exposure, figures.Exposure);
        AssertSame(snapshot.PendingBuyValue, figures.PendingBuyValue);
        Assert.True(figures.HasPendingBuys);
        AssertSame(held?.Quantity ?? 0m, figures.HeldQuantity);
        AssertSame(Math.Abs(held?.MarketValue ?? 0m), figures.HeldValue);
        AssertSame(held?.LastPrice ?? 0m, figures.HeldLastPrice);
        AssertSame(snapshot.PendingBuyQuantity(symbol), figures.PendingQuantity);
        AssertSame(snapshot.PendingBuys.Where(p => p.Symbol == symbol).Aggregate(0m, (sum, p) => sum + p.Value), figures.PendingValue);
    }

    [Fact]
    public void A_flat_portfolio_without_pending_buys_reads_zeros()
    {
        var figures = RiskPortfolio.Of(PortfolioBuilder.WithEquity(5_000m).Build(), "AAPL");

        Assert.Equal(new RiskPortfolio(5_000m, 5_000m, 0, 0m, 0m, false, 0m, 0m, 0m, 0m, 0m), figures);
        AssertSame(0m, figures.DayPnl);
    }

    private static void AssertSame(decimal expected, decimal actual) =>
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture));
}
