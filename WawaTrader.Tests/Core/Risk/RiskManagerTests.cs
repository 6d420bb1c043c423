using WawaTrader.Core.Portfolio;
using WawaTrader.Core.Risk;

namespace WawaTrader.Tests.Core.Risk;

public sealed class RiskManagerTests
{
    private static readonly string[] AllRules =
        [RiskRules.PositionSize, RiskRules.DailyLoss, RiskRules.Exposure, RiskRules.TradesPerDay, RiskRules.Confidence];

    private static RiskManager Manager(RiskOptions? options = null) => new(new TestOptionsMonitor<RiskOptions>(options ?? new RiskOptions()));

    private static RiskCheck Check(RiskVerdict verdict, string rule) => Assert.Single(verdict.Checks, c => c.Rule == rule);

    private static PortfolioSnapshot Flat() => PortfolioBuilder.WithEquity(100_000m).Build();

    [Theory]
    [InlineData(100, true, 10.0)]
    [InlineData(101, false, 10.1)]
    public void Position_size_passes_at_the_limit_and_fails_above_it(int shares, bool passed, double percent)
    {
        var verdict = Manager().Evaluate(Orders.Buy("AAPL", shares, 100m), Flat());

        var check = Check(verdict, RiskRules.PositionSize);
        Assert.Equal(passed, check.Passed);
        Assert.Equal(percent, check.Value, 6);
        Assert.Equal(10, check.Limit);
        Assert.Equal(passed, verdict.Approved);
    }

    [Theory]
    [InlineData("10000", true)]
    [InlineData("10000.000001", false)] // 10.000000001 %: a hair above is still above
    [InlineData("9999.999999", true)]
    [InlineData("10000.0000000000000001", false)]
    public void Position_size_is_decided_exactly_however_close_to_the_limit(string price, bool passed)
    {
        var order = Orders.Buy("AAPL", 1, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(passed, Check(Manager().Evaluate(order, Flat()), RiskRules.PositionSize).Passed);
        Assert.Equal(passed, Check(Manager().Evaluate(order, Flat(), explain: false), RiskRules.PositionSize).Passed);
    }

    [Fact]
    public void Position_size_reason_states_the_percent_and_the_limit()
    {
        var verdict = Manager().Evaluate(Orders.Buy("AAPL", 124, 100m), Flat());

        Assert.Equal("Position in AAPL would be 12.4% of equity, above the 10% limit", Check(verdict, RiskRules.PositionSize).Reason);
    }

    [Fact]
    public void Position_size_counts_the_shares_already_held()
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("AAPL", 50, 100m).Build();

        var check = Check(Manager().Evaluate(Orders.Buy("AAPL", 51, 100m), portfolio), RiskRules.PositionSize);

        Assert.False(check.Passed);
        Assert.Equal(10.1, check.Value, 6);
    }

    [Theory]
    [InlineData(98_000, true)]
    [InlineData(97_990, false)]
    public void Daily_loss_blocks_buys_only_beyond_the_limit(int equity, bool passed)
    {
        var portfolio = PortfolioBuilder.WithEquity(equity).DayStartEquity(100_000m).Build();

        var check = Check(Manager().Evaluate(Orders.Buy("AAPL", 10, 100m), portfolio), RiskRules.DailyLoss);

        Assert.Equal(passed, check.Passed);
        Assert.Equal((100_000 - equity) / 1000.0, check.Value, 6);
        Assert.Equal(2, check.Limit);
    }

    /// <summary>A portfolio holding 10 AAPL at 100 with <paramref name="tradesToday"/> orders sent and the day's equity going from
    /// <paramref name="dayStart"/> to <paramref name="equity"/>.</summary>
    private static PortfolioSnapshot HoldingAapl(int tradesToday, decimal equity = 100_000m, decimal dayStart = 100_000m) =>
        PortfolioBuilder.WithEquity(equity).DayStartEquity(dayStart).Holding("AAPL", 10, 100m).TradesToday(tradesToday).Build();

    private static readonly string[] WaivedForSells = [RiskRules.DailyLoss, RiskRules.TradesPerDay];

    public static TheoryData<string, int, int, int, string, string> ReducingSells => new()
    {
        // sell, trades used, equity, reason of the trades-per-day waiver, reason of the daily-loss waiver
        { "the trades limit used up, closing", 10, 10, 100_000,
            "Waived: a sell that closes the AAPL position adds no risk; 10 of 10 trades used today",
            "Waived: a sell that closes the AAPL position adds no risk; day P&L +0.0% (limit 2%)" },
        { "the trades limit used up, reducing", 4, 10, 100_000,
            "Waived: a sell that reduces the AAPL position adds no risk; 10 of 10 trades used today",
            "Waived: a sell that reduces the AAPL position adds no risk; day P&L +0.0% (limit 2%)" },
        { "beyond the daily loss, closing", 10, 3, 95_000,
            "Waived: a sell that closes the AAPL position adds no risk; 3 of 10 trades used today",
            "Waived: a sell that closes the AAPL position adds no risk; day loss 5.0% (limit 2%)" },
        { "both limits breached, reducing", 1, 12, 97_500,
            "Waived: a sell that reduces the AAPL position adds no risk; 12 of 10 trades used today",
            "Waived: a sell that reduces the AAPL position adds no risk; day loss 2.5% (limit 2%)" },
        { "within every limit, closing", 10, 2, 101_000,
            "Waived: a sell that closes the AAPL position adds no risk; 2 of 10 trades used today",
            "Waived: a sell that closes the AAPL position adds no risk; day P&L +1.0% (limit 2%)" },
    };

    [Theory]
    [MemberData(nameof(ReducingSells))]
    public void A_sell_that_reduces_or_closes_a_long_position_is_approved_with_trades_per_day_and_daily_loss_waived(
        string scenario, int shares, int tradesToday, int equity, string tradesReason, string lossReason)
    {
        var portfolio = HoldingAapl(tradesToday, equity);
        var order = Orders.Sell("AAPL", shares, 100m);

        var verdict = Manager().Evaluate(order, portfolio);

        Assert.True(verdict.Approved, $"{scenario}: {verdict.RejectionSummary}");
        AssertWaived(Check(verdict, RiskRules.TradesPerDay), tradesToday + 1.0, tradesReason);
        AssertWaived(Check(verdict, RiskRules.DailyLoss), (100_000 - equity) / 1000.0, lossReason);
        Assert.All(verdict.Checks.Where(c => !WaivedForSells.Contains(c.Rule)), c => Assert.False(c.Waived, c.Rule));
        // The backtests' quiet entries approve it too, with the same checks.
        Assert.Equal(WithoutReasons(verdict.Checks), Manager().Evaluate(order, portfolio, explain: false).Checks);
        Assert.Equal(WithoutReasons(verdict.Checks), Manager().ApprovalOrNull(order, portfolio)?.Checks);
    }

    private static void AssertWaived(RiskCheck check, double value, string reason)
    {
        Assert.True(check.Passed && check.Waived, $"{check.Rule}: passed {check.Passed}, waived {check.Waived}");
        Assert.Equal(value, check.Value, 6);
        Assert.Equal(reason, check.Reason);
    }

    private static RiskCheck[] WithoutReasons(IEnumerable<RiskCheck> checks) => [.. checks.Select(c => c with { Reason = "" })];

    [Theory]
    [InlineData("the trades limit used up", 10, 100_000, RiskRules.TradesPerDay)]
    [InlineData("beyond the daily loss", 3, 97_500, RiskRules.DailyLoss)]
    public void A_buy_is_still_refused_by_the_limits_on_new_risk_even_of_a_symbol_held(string scenario, int tradesToday, int equity, string rule)
    {
        var verdict = Manager().Evaluate(Orders.Buy("AAPL", 10, 100m), HoldingAapl(tradesToday, equity));

        Assert.False(verdict.Approved, scenario);
        Assert.Equal([rule], verdict.Checks.Where(c => !c.Passed).Select(c => c.Rule));
        Assert.DoesNotContain(verdict.Checks, c => c.Waived);
        Assert.Null(Manager().ApprovalOrNull(Orders.Buy("AAPL", 10, 100m), HoldingAapl(tradesToday, equity)));
    }

    [Theory]
    [InlineData("more than held", "AAPL", 11)]
    [InlineData("a symbol not held", "MSFT", 5)]
    [InlineData("no shares", "AAPL", 0)]
    public void A_sell_that_does_not_reduce_a_long_position_waives_nothing_and_is_refused(string scenario, string symbol, int shares)
    {
        var portfolio = HoldingAapl(tradesToday: 10, equity: 97_500);

        var verdict = Manager().Evaluate(Orders.Sell(symbol, shares, 100m), portfolio);

        Assert.False(verdict.Approved, scenario);
        Assert.DoesNotContain(verdict.Checks, c => c.Waived);
        Assert.Equal([RiskRules.PositionSize, RiskRules.DailyLoss, RiskRules.TradesPerDay], verdict.Checks.Where(c => !c.Passed).Select(c => c.Rule));
        Assert.Contains("only sells that reduce a position", Check(verdict, RiskRules.DailyLoss).Reason);
    }

    [Theory]
    [InlineData(70.0, true)]
    [InlineData(69.9, false)]
    public void Confidence_still_judges_a_sell_whose_other_limits_are_waived(double confidence, bool approved)
    {
        var order = Orders.Sell("AAPL", 10, 100m, confidence);
        var portfolio = HoldingAapl(tradesToday: 10, equity: 97_500);

        var verdict = Manager().Evaluate(order, portfolio);

        Assert.Equal(approved, verdict.Approved);
        Assert.Equal(approved, Check(verdict, RiskRules.Confidence).Passed);
        Assert.False(Check(verdict, RiskRules.Confidence).Waived);
        Assert.True(Check(verdict, RiskRules.TradesPerDay).Waived);
        Assert.Equal(approved, Manager().ApprovalOrNull(order, portfolio) is not null);
    }

    [Theory]
    [InlineData(100, true, 30.0)]
    [InlineData(101, false, 30.1)]
    public void Exposure_passes_at_the_limit_and_fails_above_it(int shares, bool passed, double percent)
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 200, 100m).Build();

        var check = Check(Manager().Evaluate(Orders.Buy("AAPL", shares, 100m), portfolio), RiskRules.Exposure);

        Assert.Equal(passed, check.Passed);
        Assert.Equal(percent, check.Value, 6);
        Assert.Equal(30, check.Limit);
    }

    [Theory]
    [InlineData(100, true, 30.0)]
    [InlineData(101, false, 30.1)]
    public void Exposure_counts_buys_sent_but_not_yet_filled(int shares, bool passed, double percent)
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("MSFT", 100, 100m).Build()
            with { PendingBuys = [new PendingBuy("NVDA", 100, 100m)] };

        var check = Check(Manager().Evaluate(Orders.Buy("AAPL", shares, 100m), portfolio), RiskRules.Exposure);

        Assert.Equal(passed, check.Passed);
        Assert.Equal(percent, check.Value, 6);
        Assert.Contains("not yet filled", check.Reason);
    }

    [Fact]
    public void Position_size_counts_a_pending_buy_of_the_same_symbol()
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Build() with { PendingBuys = [new PendingBuy("AAPL", 60, 100m)] };

        var check = Check(Manager().Evaluate(Orders.Buy("AAPL", 50, 100m), portfolio), RiskRules.PositionSize);

        Assert.False(check.Passed);
        Assert.Equal(11, check.Value, 6);
    }

    [Theory]
    [InlineData(9, true, 10)]
    [InlineData(10, false, 11)]
    public void Trades_per_day_allows_the_last_trade_and_refuses_one_more(int tradesToday, bool passed, double tradeNumber)
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).TradesToday(tradesToday).Build();

        var check = Check(Manager().Evaluate(Orders.Buy("AAPL", 10, 100m), portfolio), RiskRules.TradesPerDay);

        Assert.Equal(passed, check.Passed);
        Assert.Equal(tradeNumber, check.Value);
        Assert.Equal(10, check.Limit);
    }

    [Theory]
    [InlineData(70.0, true)]
    [InlineData(69.9, false)]
    public void Confidence_passes_at_the_minimum_and_fails_below_it(double confidence, bool passed)
    {
        var verdict = Manager().Evaluate(Orders.Buy("AAPL", 10, 100m, confidence), Flat());

        Assert.Equal(passed, Check(verdict, RiskRules.Confidence).Passed);
        Assert.Equal(passed, verdict.Approved);
    }

    public static TheoryData<string> Scenarios => ["buy", "failing buy", "sell", "invalid sell", "hold"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_rule_is_evaluated_for_every_order(string scenario)
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("AAPL", 10, 100m).Build();
        var order = scenario switch
        {
            "buy" => Orders.Buy("AAPL", 10, 100m),
            "failing buy" => Orders.Buy("AAPL", 5_000, 100m, confidence: 10),
            "sell" => Orders.Sell("AAPL", 10, 100m),
            "invalid sell" => Orders.Sell("NVDA", 10, 100m),
            _ => Orders.Hold("AAPL", 100m),
        };

        var verdict = Manager().Evaluate(order, portfolio);

        Assert.Equal(AllRules, verdict.Checks.Select(c => c.Rule));
        Assert.All(verdict.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    [Fact]
    public void Approves_a_buy_within_every_limit()
    {
        var verdict = Manager().Evaluate(Orders.Buy("AAPL", 50, 100m), Flat());

        Assert.True(verdict.Approved);
        Assert.Empty(verdict.RejectionSummary);
    }

    [Fact]
    public void Rejection_summary_lists_every_failed_rule()
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).TradesToday(10).Build();

        var verdict = Manager().Evaluate(Orders.Buy("AAPL", 500, 100m, confidence: 50), portfolio);

        Assert.False(verdict.Approved);
        Assert.Equal([RiskRules.PositionSize, RiskRules.Exposure, RiskRules.TradesPerDay, RiskRules.Confidence],
            verdict.Checks.Where(c => !c.Passed).Select(c => c.Rule));
        Assert.Contains("above the 10% limit", verdict.RejectionSummary);
        Assert.Contains("below the minimum 70", verdict.RejectionSummary);
    }

    [Fact]
    public void Hold_is_never_approved_and_reports_the_current_state()
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("AAPL", 400, 100m).TradesToday(3).Build();

        var verdict = Manager().Evaluate(Orders.Hold("AAPL", 100m, confidence: 95), portfolio);

        Assert.False(verdict.Approved);
        Assert.Equal(40, Check(verdict, RiskRules.PositionSize).Value, 6);
        Assert.False(Check(verdict, RiskRules.PositionSize).Passed);
        Assert.Equal(40, Check(verdict, RiskRules.Exposure).Value, 6);
        Assert.False(Check(verdict, RiskRules.Exposure).Passed);
        Assert.Equal(3, Check(verdict, RiskRules.TradesPerDay).Value);
        Assert.True(Check(verdict, RiskRules.TradesPerDay).Passed);
    }

    [Fact]
    public void Hold_with_all_state_checks_passing_is_still_not_approved()
    {
        var verdict = Manager().Evaluate(Orders.Hold("AAPL", 100m, confidence: 95), Flat());

        Assert.All(verdict.Checks, c => Assert.True(c.Passed, c.Reason));
        Assert.False(verdict.Approved);
    }

    [Fact]
    public void Selling_the_whole_position_passes_even_when_it_was_over_the_limits()
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("AAPL", 400, 100m).Build();

        var verdict = Manager().Evaluate(Orders.Sell("AAPL", 400, 100m), portfolio);

        Assert.True(verdict.Approved, verdict.RejectionSummary);
        Assert.Equal(0, Check(verdict, RiskRules.PositionSize).Value, 6);
        Assert.Equal(0, Check(verdict, RiskRules.Exposure).Value, 6);
    }

    [Fact]
    public void Partial_sell_that_leaves_exposure_above_the_limit_passes_because_it_reduces_it()
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("AAPL", 400, 100m).Build();

        var check = Check(Manager().Evaluate(Orders.Sell("AAPL", 50, 100m), portfolio), RiskRules.Exposure);

        Assert.True(check.Passed);
        Assert.Equal(35, check.Value, 6);
        Assert.Contains("reduces it", check.Reason);
    }

    [Fact]
    public void Rejects_a_sell_of_more_shares_than_held()
    {
        var portfolio = PortfolioBuilder.WithEquity(100_000m).Holding("AAPL", 10, 100m).Build();

        var verdict = Manager().Evaluate(Orders.Sell("AAPL", 15, 100m), portfolio);

        Assert.False(verdict.Approved);
        Assert.Equal("Sell of 15 shares of AAPL exceeds the 10 held (no short selling)", Check(verdict, RiskRules.PositionSize).Reason);
    }

    [Fact]
    public void Rejects_a_sell_without_a_position()
    {
        var verdict = Manager().Evaluate(Orders.Sell("AAPL", 10, 100m), Flat());

        Assert.False(verdict.Approved);
        Assert.Contains("no position is held", Check(verdict, RiskRules.PositionSize).Reason);
    }

    [Fact]
    public void Rejects_a_buy_of_zero_shares_with_a_reason()
    {
        var verdict = Manager().Evaluate(Orders.Buy("AAPL", 0, 100m), Flat());

        Assert.False(verdict.Approved);
        Assert.Contains("nothing to buy", verdict.RejectionSummary);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    public void Rejects_buys_when_equity_is_not_positive(int equity)
    {
        var portfolio = PortfolioBuilder.WithEquity(equity).DayStartEquity(equity).Build();

        var verdict = Manager().Evaluate(Orders.Buy("AAPL", 1, 100m), portfolio);

        Assert.False(verdict.Approved);
        Assert.False(Check(verdict, RiskRules.PositionSize).Passed);
        Assert.Contains("not positive", Check(verdict, RiskRules.PositionSize).Reason);
        Assert.All(verdict.Checks, c => Assert.True(double.IsFinite(c.Value)));
    }

    [Fact]
    public void A_settings_change_applies_to_the_next_evaluation()
    {
        var monitor = new TestOptionsMonitor<RiskOptions>(new RiskOptions());
        var manager = new RiskManager(monitor);
        var portfolio = PortfolioBuilder.WithEquity(100_000m).TradesToday(5).Build();
        var order = Orders.Buy("AAPL", 10, 100m);
        Assert.True(manager.Evaluate(order, portfolio).Approved);

        monitor.Set(new RiskOptions { MaxTradesPerDay = 5 });
        var verdict = manager.Evaluate(order, portfolio);

        Assert.False(verdict.Approved);
        Assert.Equal(5, Check(verdict, RiskRules.TradesPerDay).Limit);
    }
}
