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

        AssertSameVerdict(order, explained, quiet);
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
        // Sells that reduce a position have the trades-per-day and daily-loss rules waived; other sells do not.
        var limitsUsedUp = PortfolioBuilder.WithEquity(97_500m).DayStartEquity(100_000m).Holding("MSFT", 100, 100m).TradesToday(10).Build();
        yield return ("sell what is held with the limits used up", Orders.Sell("MSFT", 100, 100m), limitsUsedUp);
        yield return ("sell part with the limits used up", Orders.Sell("MSFT", 40, 100m), limitsUsedUp);
        yield return ("sell more than held with the limits used up", Orders.Sell("MSFT", 101, 100m), limitsUsedUp);
        yield return ("reducing sell below min confidence with the limits used up", Orders.Sell("MSFT", 100, 100m, confidence: 69.9), limitsUsedUp);
        yield return ("hold", Orders.Hold("AAPL", 100m), PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 100, 100m).Build());
        // Within a hair of a limit, where the quick double look must hand over to the exact decimal comparison.
        yield return ("buy exactly at the limit by a fraction", Orders.Buy("AAPL", 1, 10_000m), flat);
        yield return ("buy a hair above the limit", Orders.Buy("AAPL", 1, 10_000.000001m), flat);
        yield return ("buy a hair below the limit", Orders.Buy("AAPL", 1, 9_999.999999m), flat);
        yield return ("day loss exactly at the limit", Orders.Buy("AAPL", 1, 10m), PortfolioBuilder.WithEquity(98_000m).DayStartEquity(100_000m).Build());
        yield return ("day loss a hair beyond the limit", Orders.Buy("AAPL", 1, 10m), PortfolioBuilder.WithEquity(97_999.99999m).DayStartEquity(100_000m).Build());
    }

    [Fact]
    public void Random_orders_and_portfolios_get_the_same_verdicts_without_reasons()
    {
        var random = new Random(20261126);
        var manager = new RiskManager(new TestOptionsMonitor<RiskOptions>(new RiskOptions()));
        for (var i = 0; i < 3000; i++)
        {
            var equity = Math.Round((decimal)(1_000 + random.NextDouble() * 200_000), 2);
            var builder = PortfolioBuilder.WithEquity(equity).DayStartEquity(Math.Round(equity * (decimal)(0.95 + random.NextDouble() * 0.1), 2))
                .TradesToday(random.Next(0, 12));
            var held = random.Next(0, 3) == 0 ? 0 : random.Next(1, 200);
            var price = Math.Round((decimal)(1 + random.NextDouble() * 300), 2);
            if (held > 0 && held * price < equity) builder.Holding("AAPL", held, price);
            var portfolio = builder.Build();
            // Quantities near the 10% position limit, so many cases sit close to a boundary.
            var quantity = Math.Max(1, (int)Math.Round((double)(equity * 0.1m / price) + random.Next(-2, 3)));
            var order = random.Next(0, 3) switch
            {
                0 => Orders.Buy("AAPL", quantity, price, confidence: 60 + random.Next(0, 30)),
                1 => Orders.Sell("AAPL", random.Next(1, 250), price),
                _ => Orders.Hold("AAPL", price),
            };

            var explained = manager.Evaluate(order, portfolio);
            var quiet = manager.Evaluate(order, portfolio, explain: false);

            AssertSameVerdict(order, explained, quiet);
            // The backtest's entry: the very same approved verdict, or nothing for a refusal (or a Hold).
            var approval = manager.ApprovalOrNull(order, portfolio);
            Assert.Equal(quiet.Approved, approval is not null);
            if (approval is not null) Assert.Equal(quiet.Checks, approval.Checks);
        }
    }

    [Fact]
    public void Random_buys_near_the_exposure_and_position_limits_get_the_same_approvals()
    {
        // Other positions and pending buys put exposure near its 30% limit, and the buy itself near the 10% position limit:
        // the backtest's quick refusal in double must hand every close case to the exact rules.
        var random = new Random(20261202);
        var manager = new RiskManager(new TestOptionsMonitor<RiskOptions>(new RiskOptions()));
        var (approved, refused) = (0, 0);
        for (var i = 0; i < 4000; i++)
        {
            var equity = Math.Round((decimal)(5_000 + random.NextDouble() * 500_000), 2);
            var builder = PortfolioBuilder.WithEquity(equity).TradesToday(random.Next(0, 10));
            var price = Math.Round((decimal)(1 + random.NextDouble() * 500), random.Next(0, 5));
            var othersPct = 0.10m + (decimal)random.NextDouble() * 0.2m;
            var msftPrice = Math.Round((decimal)(50 + random.NextDouble() * 300), 3);
            builder.Holding("MSFT", Math.Max(1, Math.Floor(equity * othersPct / msftPrice)), msftPrice);
            var held = random.Next(0, 2) == 0 ? 0 : Math.Floor(equity * (decimal)random.NextDouble() * 0.1m / price);
            if (held > 0) builder.Holding("AAPL", held, price, averagePrice: price * 0.9m);
            var portfolio = builder.Build();
            if (random.Next(0, 3) == 0)
                portfolio = portfolio with { PendingBuys = [new PendingBuy(random.Next(0, 2) == 0 ? "AAPL" : "NVDA", random.Next(1, 20), price)] };
            // A buy that would take exposure or the position within a few shares of a limit.
            var room = Math.Min(equity * 0.3m - portfolio.Exposure - portfolio.PendingBuyValue, equity * 0.1m - held * price);
            var quantity = Math.Max(1, Math.Floor(room / price) + random.Next(-2, 3));
            var order = Orders.Buy("AAPL", quantity, price, confidence: 65 + random.Next(0, 30));

            var expected = manager.Evaluate(order, portfolio, explain: false);
            var approval = manager.ApprovalOrNull(order, RiskPortfolio.Of(portfolio, "AAPL"));

            Assert.Equal(expected.Approved, approval is not null);
            if (approval is not null) Assert.Equal(expected.Checks, approval.Checks);
            if (expected.Approved) approved++;
            else refused++;
        }
        Assert.True(approved > 400 && refused > 400, $"{approved} approved, {refused} refused: the cases should straddle the limits");
    }

    /// <summary>The cheapest-first order in which a quiet evaluation looks at an order's rules.</summary>
    private static readonly string[] QuietOrder = [RiskRules.Confidence, RiskRules.TradesPerDay, RiskRules.PositionSize, RiskRules.DailyLoss, RiskRules.Exposure];

    /// <summary>Same approval; a Hold or an approved order has every check with the same outcome and value (to the recorded 4
    /// places); a rejected order's quiet verdict holds just the first failing rule in the quiet order, as the full verdict has it.</summary>
    private static void AssertSameVerdict(ProposedOrder order, RiskVerdict explained, RiskVerdict quiet)
    {
        Assert.Equal(explained.Approved, quiet.Approved);
        if (order.Side is null || explained.Approved)
        {
            Assert.Equal(explained.Checks.Select(c => (c.Rule, c.Passed, c.Waived, c.Limit)), quiet.Checks.Select(c => (c.Rule, c.Passed, c.Waived, c.Limit)));
            Assert.Equal(explained.Checks.Select(c => c.Value), quiet.Checks.Select(c => c.Value), (a, b) => Math.Abs(a - b) <= 1e-4);
            return;
        }
        var failed = Assert.Single(quiet.Checks);
        Assert.False(failed.Passed);
        var expected = explained.Checks.Where(c => !c.Passed).OrderBy(c => Array.IndexOf(QuietOrder, c.Rule)).First();
        Assert.Equal((expected.Rule, expected.Limit), (failed.Rule, failed.Limit));
        Assert.Equal(expected.Value, failed.Value, 4);
    }
}
