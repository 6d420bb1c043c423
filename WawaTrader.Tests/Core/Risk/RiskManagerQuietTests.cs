using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Risk;

/// <summary>A verdict given without reasons (backtests) must be the live verdict minus the text, pass or fail, at every boundary.</summary>
public sealed class RiskManagerQuietTests
{
    public static TheoryData<string> Cases => [.. Scenarios().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Without_reasons_the_verdict_and_every_value_are_the_same(string name)
    {
        var (_, order, portfolio) = Scenarios().Single(s => s.Name == name);
        var manager = new RiskManager(new TestOptionsMonitor<RiskOptions>(new RiskOptions()));

        var explained = manager.Evaluate(order, portfolio);
        var quiet = manager.Evaluate(order, portfolio, explain: false);

        Assert.Equal(explained.Approved, quiet.Approved);
        Assert.Equal(explained.Checks.Select(c => (c.Rule, c.Passed, c.Value, c.Limit)), quiet.Checks.Select(c => (c.Rule, c.Passed, c.Value, c.Limit)));
        Assert.All(quiet.Checks, c => Assert.Equal("", c.Reason));
        Assert.All(explained.Checks, c => Assert.NotEqual("", c.Reason));
    }

    private static IEnumerable<(string Name, ProposedOrder Order, PortfolioSnapshot Portfolio)> Scenarios()
    {
        var flat = PortfolioBuilder.WithEquity(100_000m).Build();
        yield return ("buy at the position limit", Orders.Buy("AAPL", 100, 100m), flat);
        yield return ("buy above the position limit", Orders.Buy("AAPL", 101, 100m), flat);
        yield return ("buy below min confidence", Orders.Buy("AAPL", 10, 100m, confidence: 69.9), flat);
        yield return ("buy at the trade limit", Orders.Buy("AAPL", 10, 100m), PortfolioBuilder.WithEquity(100_000m).TradesToday(10).Build());
        yield return ("buy beyond the daily loss", Orders.Buy("AAPL", 10, 100m), PortfolioBuilder.WithEquity(97_990m).DayStartEquity(100_000m).Build());
        yield return ("buy past exposure", Orders.Buy("AAPL", 50, 100m),
            PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 100, 100m).Holding("NVDA", 100, 100m).Holding("AMZN", 96, 100m).Build());
        yield return ("buy with no equity", Orders.Buy("AAPL", 1, 100m), PortfolioBuilder.WithEquity(0m).Build());
        yield return ("sell what is held", Orders.Sell("MSFT", 100, 100m), PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 100, 100m).Build());
        yield return ("sell more than held", Orders.Sell("MSFT", 101, 100m), PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 100, 100m).Build());
        yield return ("sell when flat", Orders.Sell("MSFT", 1, 100m), flat);
        yield return ("hold", Orders.Hold("AAPL", 100m), PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 100, 100m).Build());
    }
}
