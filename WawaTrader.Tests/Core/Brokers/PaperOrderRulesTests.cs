using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>The paper broker's order rules (<c>PaperOrderRules</c>), exercised through the broker: refusals and their reasons.</summary>
public sealed class PaperOrderRulesTests
{
    private const string Aapl = "AAPL";

    [Fact]
    public async Task Rejects_a_buy_whose_estimated_cost_exceeds_cash()
    {
        var paper = new PaperHarness(PaperHarness.Costs(cash: 1_000m, slippageBps: 1m, commissionPerShare: 0.005m));
        await paper.BarAsync(Aapl, 100m, 100m);

        // 10 × 100.01 + 0.05 = 1,000.15 > 1,000; 9 shares (900.14) fit.
        var tooBig = await paper.BuyAsync("b10", Aapl, 10);
        var fits = await paper.BuyAsync("b9", Aapl, 9);

        Assert.Equal(OrderStatus.Rejected, tooBig.Status);
        Assert.StartsWith("insufficient cash", tooBig.RejectReason);
        Assert.Equal(OrderStatus.Accepted, fits.Status);
    }


    [Fact]
    public async Task Open_buys_reserve_their_estimated_cost()
    {
        var paper = new PaperHarness(PaperHarness.Costs(cash: 1_000m, slippageBps: 1m, commissionPerShare: 0.005m));
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b1", Aapl, 5); // reserves 500.05 + 0.03

        var second = await paper.BuyAsync("b2", Aapl, 5);

        Assert.Equal(OrderStatus.Rejected, second.Status);
        Assert.StartsWith("insufficient cash", second.RejectReason);
    }


    [Fact]
    public async Task A_buy_that_no_longer_fits_at_the_fill_price_is_rejected_and_cash_stays_positive()
    {
        var paper = new PaperHarness(PaperHarness.Costs(cash: 1_000m, slippageBps: 1m, commissionPerShare: 0.005m));
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b9", Aapl, 9);

        await paper.BarAsync(Aapl, 120m, 121m); // 9 × 120.012 + 0.05 = 1,080.158 > 1,000

        var order = await paper.OrderAsync("b9");
        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.StartsWith("insufficient cash", order.RejectReason);
        Assert.Empty(order.Fills);
        var account = await paper.AccountAsync();
        Assert.Equal((1_000m, 1_000m), (account.Cash, account.Equity));
        Assert.Empty(account.Positions);
    }


    [Fact]
    public async Task Open_sells_reserve_the_shares_they_offer()
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b1", Aapl, 10);
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.SellAsync("s1", Aapl, 10);

        var second = await paper.SellAsync("s2", Aapl, 1);

        Assert.Equal(OrderStatus.Rejected, second.Status);
        Assert.StartsWith("insufficient position", second.RejectReason);
    }


    [Theory]
    [InlineData("AAPL", 2.5, "whole shares")]
    [InlineData("TSLA", 1, "unknown symbol")]
    [InlineData("", 1, "symbol is required")]
    public async Task Rejects_an_invalid_request_with_its_reason(string symbol, double quantity, string reason)
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        await paper.BarAsync(Aapl, 100m, 100m);

        var order = await paper.BuyAsync("bad", symbol, (decimal)quantity);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains(reason, order.RejectReason);
    }
}
