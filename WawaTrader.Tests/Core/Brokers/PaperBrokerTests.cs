using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Brokers;

/// <summary>Execution and book-keeping of the paper broker, with numbers worked by hand in each test.</summary>
public sealed class PaperBrokerTests
{
    private const string Aapl = "AAPL";

    [Fact]
    public async Task Buy_fills_at_next_bar_open_plus_slippage_and_commission_rounded_away_from_zero()
    {
        var paper = new PaperHarness(PaperHarness.Costs(cash: 100_000m, slippageBps: 10m, commissionPerShare: 0.005m));
        await paper.BarAsync(Aapl, 99m, 100m);
        await paper.BuyAsync("b1", Aapl, 25);

        var next = await paper.BarAsync(Aapl, 100.05m, 101m);

        // 100.05 × 1.001 = 100.15005 → 100.1501 (4 dp, midpoint away from zero); 25 × 0.005 = 0.125 → 0.13.
        var fill = Assert.Single((await paper.OrderAsync("b1")).Fills);
        Assert.Equal(new Fill(next.Time, 25m, 100.1501m, 0.13m), fill);
        var account = await paper.AccountAsync();
        Assert.Equal(97_496.1175m, account.Cash); // 100,000 − 25 × 100.1501 − 0.13
        var position = Assert.Single(account.Positions);
        // The buy's commission is part of the shares' cost (unrealised), not realised P&L.
        Assert.Equal(new Position(Aapl, 25m, 100.1501m, 101m, 0m, 0.13m), position);
        Assert.Equal(97_496.1175m + 25m * 101m, account.Equity);
    }

    [Fact]
    public async Task Account_lists_held_positions_in_symbol_order_and_leaves_closed_ones_out_after_a_restart_too()
    {
        var paper = new PaperHarness(PaperHarness.Costs(cash: 100_000m));
        foreach (var symbol in new[] { "MSFT", "AAPL", "NVDA", "AMZN" }) await paper.BarAsync(symbol, 10m, 10m);
        foreach (var symbol in new[] { "MSFT", "AAPL", "NVDA", "AMZN" }) await paper.BuyAsync("b-" + symbol, symbol, 10);
        foreach (var symbol in new[] { "MSFT", "AAPL", "NVDA", "AMZN" }) await paper.BarAsync(symbol, 10m, 11m);
        await paper.SellAsync("s-NVDA", "NVDA", 10);
        await paper.BarAsync("NVDA", 12m, 12m);

        var account = await paper.AccountAsync();

        Assert.Equal(["AAPL", "AMZN", "MSFT"], account.Positions.Select(p => p.Symbol));
        Assert.Equal(account.Cash + 3 * 10m * 11m, account.Equity);
        paper.Restart();
        Assert.Equal(["AAPL", "AMZN", "MSFT"], (await paper.AccountAsync()).Positions.Select(p => p.Symbol));
    }

    [Fact]
    public async Task Fill_commission_adds_a_percent_of_notional_and_respects_the_minimum()
    {
        var paper = new PaperHarness(new PaperOptions { InitialCash = 100_000m, SlippageBps = 0m, CommissionPerShare = 0.01m, CommissionPct = 0.1m, MinCommission = 2m });
        await paper.BarAsync(Aapl, 99m, 100m);
        await paper.BuyAsync("big", Aapl, 100);
        await paper.BuyAsync("small", Aapl, 1);

        await paper.BarAsync(Aapl, 100m, 101m);

        // big: 100 × 0.01 + 0.1% × 10,000 = 1 + 10 = 11; small: 0.01 + 0.10 = 0.11, raised to the 2.00 minimum.
        Assert.Equal(11m, Assert.Single((await paper.OrderAsync("big")).Fills).Commission);
        Assert.Equal(2m, Assert.Single((await paper.OrderAsync("small")).Fills).Commission);
        Assert.Equal(100_000m - 101m * 100m - 13m, (await paper.AccountAsync()).Cash);
    }

    [Fact]
    public async Task Sell_fills_at_next_bar_open_less_slippage_and_realises_the_gain_after_both_commissions()
    {
        var paper = new PaperHarness(PaperHarness.Costs(cash: 100_000m, slippageBps: 10m, commissionPerShare: 0.005m));
        await paper.BarAsync(Aapl, 99m, 100m);
        await paper.BuyAsync("b1", Aapl, 25);
        await paper.BarAsync(Aapl, 100.05m, 101m);
        await paper.SellAsync("s1", Aapl, 25);

        await paper.BarAsync(Aapl, 110m, 111m);

        // 110 × 0.999 = 109.89; realised (109.89 − 100.1501) × 25 − 0.13 − 0.13 = 243.4975 − 0.26.
        var fill = Assert.Single((await paper.OrderAsync("s1")).Fills);
        Assert.Equal((109.89m, 0.13m), (fill.Price, fill.Commission));
        var account = await paper.AccountAsync();
        Assert.Empty(account.Positions);
        Assert.Equal(243.2375m, account.RealizedPnl);
        Assert.Equal(100_243.2375m, account.Cash);
        Assert.Equal(account.Cash, account.Equity);
    }

    [Fact]
    public async Task Does_not_fill_on_the_bar_it_was_submitted_on_or_an_older_one()
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        var current = await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b1", Aapl, 10);

        await paper.Broker.OnBarAsync(Aapl, current with { Close = 100.5 }, CancellationToken.None);
        await paper.Broker.OnBarAsync(Aapl, current with { Time = current.Time.AddDays(-1) }, CancellationToken.None);

        Assert.Equal(OrderStatus.Accepted, (await paper.OrderAsync("b1")).Status);
        var next = await paper.BarAsync(Aapl, 102m, 103m);
        Assert.Equal(new Fill(next.Time, 10m, 102m, 0m), Assert.Single((await paper.OrderAsync("b1")).Fills));
    }

    [Fact]
    public async Task Fills_only_orders_of_the_bars_symbol()
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BarAsync("MSFT", 300m, 300m);
        await paper.BuyAsync("b1", Aapl, 10);

        await paper.BarAsync("MSFT", 301m, 302m);

        Assert.Equal(OrderStatus.Accepted, (await paper.OrderAsync("b1")).Status);
    }

    [Fact]
    public async Task A_repeat_of_the_last_bar_updates_the_mark()
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b1", Aapl, 10);
        var bar = await paper.BarAsync(Aapl, 100m, 101m);

        await paper.Broker.OnBarAsync(Aapl, bar with { Close = 105 }, CancellationToken.None);

        var account = await paper.AccountAsync();
        Assert.Equal(105m, Assert.Single(account.Positions).LastPrice);
        Assert.Equal(100_000m - 1_000m + 1_050m, account.Equity);
    }

    [Fact]
    public async Task Average_price_is_the_quantity_weighted_mean_of_buys_without_commission()
    {
        var paper = new PaperHarness(PaperHarness.Costs(commissionPerShare: 0.01m));
        await HoldFortyAtOneHundredThreeAsync(paper);

        // (10 × 100 + 30 × 104) / 40 = 103; commissions 0.10 + 0.30 reduce cash and are carried by the held shares (unrealised).
        var account = await paper.AccountAsync();
        Assert.Equal(new Position(Aapl, 40m, 103m, 104m, 0m, 0.40m), Assert.Single(account.Positions));
        Assert.Equal(100_000m - 1_000.10m - 3_120.30m, account.Cash);
        Assert.Equal(0m, account.RealizedPnl);
    }

    [Fact]
    public async Task Partial_sell_realises_against_the_average_price_and_keeps_it()
    {
        var paper = new PaperHarness(PaperHarness.Costs(commissionPerShare: 0.01m));
        await HoldFortyAtOneHundredThreeAsync(paper);
        await paper.SellAsync("s1", Aapl, 10);

        await paper.BarAsync(Aapl, 110m, 110m);

        // (110 − 103) × 10 − 0.10 (the sell's commission) − 0.40 × 10/40 (the sold shares' buy commissions) = 69.80;
        // the 30 shares held still carry 0.30.
        var account = await paper.AccountAsync();
        Assert.Equal(new Position(Aapl, 30m, 103m, 110m, 69.80m, 0.30m), Assert.Single(account.Positions));
        Assert.Equal(69.80m, account.RealizedPnl);
    }

    [Fact]
    public async Task Full_sell_closes_the_position_and_keeps_its_realised_pnl()
    {
        var paper = new PaperHarness(PaperHarness.Costs(commissionPerShare: 0.01m));
        await HoldFortyAtOneHundredThreeAsync(paper);
        await paper.SellAsync("s1", Aapl, 10);
        await paper.BarAsync(Aapl, 110m, 110m);
        await paper.SellAsync("s2", Aapl, 30);

        await paper.BarAsync(Aapl, 100m, 99m);

        // −0.40 + 69.90 + ((100 − 103) × 30 − 0.30 = −90.30) = −20.80; cash = 100,000 − 20.80.
        var account = await paper.AccountAsync();
        Assert.Empty(account.Positions);
        Assert.Equal(-20.80m, account.RealizedPnl);
        Assert.Equal(99_979.20m, account.Cash);
        var bySymbol = await paper.Broker.GetRealizedPnlBySymbolAsync(CancellationToken.None);
        Assert.Equal(-20.80m, bySymbol[Aapl]);
    }

    [Fact]
    public async Task Concurrent_submits_of_the_same_client_order_ids_create_one_order_each()
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        await paper.BarAsync(Aapl, 100m, 100m);

        var orders = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => paper.BuyAsync($"b{i % 10}", Aapl, 1))));
        await paper.BarAsync(Aapl, 100m, 100m);

        Assert.Equal(10, orders.Select(o => o.BrokerOrderId).Distinct().Count());
        Assert.Equal(10m, Assert.Single((await paper.AccountAsync()).Positions).Quantity);
    }

    [Fact]
    public async Task Cancel_leaves_finished_orders_alone()
    {
        var paper = new PaperHarness(PaperHarness.Costs());
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("filled", Aapl, 1);
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("open", Aapl, 1);

        Assert.Equal(1, await paper.Broker.CancelOpenOrdersAsync(CancellationToken.None));
        Assert.Equal(OrderStatus.Filled, (await paper.OrderAsync("filled")).Status);
        Assert.Equal(OrderStatus.Canceled, (await paper.OrderAsync("open")).Status);
    }

    [Fact]
    public async Task Rejection_is_logged_with_its_reason()
    {
        var logger = new ListLogger<PaperBroker>();
        var paper = new PaperHarness(PaperHarness.Costs(), logger: logger);
        await paper.BarAsync(Aapl, 100m, 100m);

        await paper.SellAsync("s1", Aapl, 3);

        Assert.Contains(logger.Messages, m => m.Contains("s1") && m.Contains("insufficient position"));
    }

    private static async Task HoldFortyAtOneHundredThreeAsync(PaperHarness paper)
    {
        await paper.BarAsync(Aapl, 100m, 100m);
        await paper.BuyAsync("b1", Aapl, 10);
        await paper.BarAsync(Aapl, 100m, 101m);
        await paper.BuyAsync("b2", Aapl, 30);
        await paper.BarAsync(Aapl, 104m, 104m);
    }
}
