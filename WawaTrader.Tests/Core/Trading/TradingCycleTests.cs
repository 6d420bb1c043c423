using WawaTrader.Core.Analysis;
using WawaTrader.Tests.Builders;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>One pass of the loop, from scripted bars through the real sizer, risk manager and paper broker to the journal and the hub.</summary>
public sealed class TradingCycleTests
{
    private static readonly string[] AllRules =
        [RiskRules.PositionSize, RiskRules.DailyLoss, RiskRules.Exposure, RiskRules.TradesPerDay, RiskRules.Confidence];

    [Fact]
    public async Task Records_one_decision_per_symbol_with_a_new_bar_with_all_five_risk_checks_and_publishes_them()
    {
        var h = new CycleHarness(null, "AAPL", "MSFT", "NVDA");
        var aapl = h.ServeHistory("AAPL", 100);
        var msft = h.ServeHistory("MSFT", 50); // NVDA has no bar yet

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(2, 0, 0), result);
        var decisions = (await h.DecisionsAsync()).OrderBy(d => d.Symbol).ToList();
        Assert.Equal(["AAPL", "MSFT"], decisions.Select(d => d.Symbol));
        Assert.Equal([aapl[^1].Time, msft[^1].Time], decisions.Select(d => d.BarTime));
        Assert.Equal([100d, 50d], decisions.Select(d => d.Indicators.Close));
        Assert.All(decisions, d => Assert.Equal(AllRules, d.RiskChecks.Select(c => c.Rule)));
        Assert.All(decisions, d => Assert.Equal(CycleHarness.Start.UtcDateTime, d.Time));
        var published = h.EventsOf<DecisionMade>().Select(e => e.Decision.Id).Order();
        Assert.Equal(decisions.Select(d => d.Id).Order(), published);
        var portfolio = Assert.Single(h.EventsOf<PortfolioUpdated>()).Portfolio;
        Assert.Equal(100_000m, portfolio.Equity);
        Assert.Single(await h.Journal.GetSnapshotsAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Decides_each_symbol_at_most_once_per_bar()
    {
        var h = new CycleHarness(null, "AAPL", "MSFT");
        h.ServeHistory("AAPL");
        h.ServeHistory("MSFT");
        await h.RunAsync();

        var again = await h.RunAsync();
        Assert.Equal(0, again.Decisions);
        Assert.Equal(2, (await h.DecisionsAsync()).Count);

        var bar = h.Market.PublishNext("MSFT", 100, 101);
        var next = await h.RunAsync();

        Assert.Equal(1, next.Decisions);
        var newest = (await h.DecisionsAsync()).Where(d => d.BarTime == bar.Time).ToList();
        Assert.Equal("MSFT", Assert.Single(newest).Symbol);
        Assert.Equal(3, (await h.DecisionsAsync()).Count);
        Assert.Equal(3, h.EventsOf<PortfolioUpdated>().Count);
    }

    [Fact]
    public async Task Records_an_approved_buy_with_its_New_order_before_the_broker_sees_it_then_Accepted()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 80), "AAPL");
        h.ServeHistory("AAPL", 100);

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(1, 1, 0), result);
        var decision = Assert.Single(await h.DecisionsAsync());
        Assert.True(decision.Approved);
        var (request, inJournal) = Assert.Single(h.Broker.Submissions);
        // 5% of 100,000 equity at the last close of 100 → 50 shares.
        Assert.Equal(new OrderRequest(OrderRecord.ClientOrderIdFor(decision.Id), "AAPL", OrderSide.Buy, 50m), request);
        Assert.NotNull(inJournal);
        Assert.Equal(OrderStatus.New, inJournal.Status);
        Assert.Equal(decision.Id, inJournal.DecisionId);
        var order = decision.Order!;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.NotNull(order.BrokerOrderId);
        Assert.Equal(OrderStatus.Accepted, Assert.Single(h.EventsOf<DecisionMade>()).Decision.Order!.Status);
        Assert.Equal(order, Assert.Single(h.EventsOf<OrderUpdated>()).Order);
    }

    [Fact]
    public async Task Fills_an_accepted_buy_at_the_next_open_plus_slippage_and_lists_the_trade()
    {
        var analyst = new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 80);
        var h = new CycleHarness(analyst, "AAPL");
        h.ServeHistory("AAPL", 100);
        await h.RunAsync();
        var decision = Assert.Single(await h.DecisionsAsync());
        analyst.Propose("AAPL", TradeAction.Hold, 60);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var next = h.Market.PublishNext("AAPL", open: 101, close: 102);
        await h.RunAsync();

        // 101 × (1 + 10/10,000) = 101.101; commission 50 × 0.005 = 0.25.
        var order = await h.OrderOfAsync(decision.Id);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(new Fill(next.Time, 50m, 101.101m, 0.25m), Assert.Single(order.Fills));
        var trade = Assert.Single(await h.Journal.GetTradesAsync(10, CancellationToken.None));
        Assert.Equal(new TradeRecord(order.ClientOrderId, decision.Id, "AAPL", OrderSide.Buy, 50m, 101.101m, 0.25m, next.Time), trade);
        Assert.Contains(h.EventsOf<OrderUpdated>(), e => e.Order.Status == OrderStatus.Filled);
        var position = Assert.Single(h.EventsOf<PortfolioUpdated>()[^1].Portfolio.Positions);
        Assert.Equal((50m, 102m), (position.Quantity, position.LastPrice));
    }

    [Fact]
    public async Task Buys_sent_on_the_same_bar_together_stay_within_the_exposure_limit()
    {
        string[] symbols = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"];
        var analyst = new ScriptedAnalyst();
        foreach (var symbol in symbols) analyst.Propose(symbol, TradeAction.Buy, 80);
        var h = new CycleHarness(analyst, symbols);
        foreach (var symbol in symbols) h.ServeHistory(symbol, 100);

        await h.RunAsync();

        // Each buy is 5% of equity; the 30% exposure limit admits six, counting the orders not yet filled.
        var decisions = await h.DecisionsAsync();
        Assert.Equal(6, decisions.Count(d => d.Approved));
        var rejected = decisions.Where(d => !d.Approved).SelectMany(d => d.RiskChecks).Where(c => !c.Passed).ToList();
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, c => Assert.Equal("Exposure", c.Rule));
    }

    [Fact]
    public async Task A_sell_closes_the_whole_held_position()
    {
        var analyst = new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 80);
        var h = new CycleHarness(analyst, "AAPL");
        h.ServeHistory("AAPL", 100);
        await h.RunAsync();
        analyst.Propose("AAPL", TradeAction.Sell, 80);
        h.Market.PublishNext("AAPL", 100, 100); // fills the buy, then the analyst says sell

        await h.RunAsync();

        var sell = (await h.DecisionsAsync())[0];
        Assert.Equal(TradeAction.Sell, sell.Action);
        Assert.Equal(50m, analyst.Seen.Last().PositionQuantity);
        Assert.True(sell.Approved);
        Assert.Equal((OrderSide.Sell, 50m, OrderStatus.Accepted), (sell.Order!.Side, sell.Order.Quantity, sell.Order.Status));
    }

    [Fact]
    public async Task A_rejected_proposal_is_recorded_as_not_approved_and_sends_no_order()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, confidence: 40), "AAPL");
        h.ServeHistory("AAPL");

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(1, 0, 0), result);
        var decision = Assert.Single(await h.DecisionsAsync());
        Assert.Equal(TradeAction.Buy, decision.Action);
        Assert.False(decision.Approved);
        Assert.Null(decision.Order);
        var confidence = Assert.Single(decision.RiskChecks, c => !c.Passed);
        Assert.Equal(RiskRules.Confidence, confidence.Rule);
        Assert.Empty(h.Broker.Submissions);
        Assert.Empty(h.EventsOf<OrderUpdated>());
        Assert.Empty(await h.Journal.GetOpenOrdersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_analyst_gets_the_decision_id_and_the_model_view_is_recorded_with_the_decision()
    {
        var h = new CycleHarness(new ModelLikeAnalyst(), "AAPL");
        h.ServeHistory("AAPL", 100);

        await h.RunAsync();

        var decision = Assert.Single(await h.DecisionsAsync());
        Assert.Equal(DecisionSource.Llm, decision.Source);
        Assert.Equal(TradeAction.Buy, decision.Technical!.Action);
        Assert.Equal(decision.Id, decision.Interaction!.DecisionId);
        Assert.Equal("AAPL", decision.Interaction.Symbol);
    }

    /// <summary>Answers like the model bridge does: a combined proposal carrying the technical view and the interaction.</summary>
    private sealed class ModelLikeAnalyst : IAnalyst
    {
        public Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
        {
            var technical = new Proposal(context.Symbol, TradeAction.Buy, 75, "technical says buy", DecisionSource.Technical);
            var interaction = new LlmInteraction(Guid.NewGuid(), context.DecisionId, context.Indicators.Time, context.Symbol, context.Indicators.Time,
                context.Indicators.Close, "test-model", "http://127.0.0.1:1/v1", "v-test", "prompt", "{}", new LlmVerdict(TradeAction.Hold, 60, "no"),
                null, 12.5, 100, 20, LlmOutcome.Vetoed);
            return Task.FromResult(new Proposal(context.Symbol, TradeAction.Hold, 60, "model vetoed", DecisionSource.Llm) { Technical = technical, Interaction = interaction });
        }
    }

    [Theory]
    [InlineData("2024-03-05T14:29:00Z", false)] // Tuesday 09:29 New York: before the open
    [InlineData("2024-03-05T14:30:00Z", true)]  // 09:30: the open
    [InlineData("2024-03-05T20:59:00Z", true)]  // 15:59
    [InlineData("2024-03-05T21:00:00Z", false)] // 16:00: the close
    [InlineData("2024-03-09T15:00:00Z", false)] // Saturday
    public async Task With_market_hours_only_decides_just_inside_the_regular_session(string barTime, bool decides)
    {
        var h = new CycleHarness(null, "AAPL");
        h.Trading.Set(new TradingOptions { Watchlist = ["AAPL"], HistoryBars = 60, MarketHoursOnly = true });
        var end = DateTime.Parse(barTime, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var bars = Bars.Flat(100, 60).Select((b, i) => b with { Time = end.AddMinutes(i - 59) }).ToArray();
        h.Market.Publish("AAPL", bars);

        var result = await h.RunAsync();

        Assert.Equal(decides ? 1 : 0, result.Decisions);
    }

    [Fact]
    public async Task Kill_switch_over_the_cycle_cancels_open_orders_and_records_it_on_the_decision()
    {
        var h = new CycleHarness(new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 80), "AAPL");
        h.ServeHistory("AAPL", 100);
        await h.RunAsync();
        var decision = Assert.Single(await h.DecisionsAsync());
        Assert.Equal(OrderStatus.Accepted, decision.Order!.Status);
        var agent = new AgentControl(h.Hub, h.Time);
        agent.Start();

        var canceled = await new KillSwitch(agent, h.Broker, h.Cycle).EngageAsync("test kill", CancellationToken.None);

        Assert.Equal(1, canceled);
        Assert.Equal(AgentState.Stopped, agent.State);
        Assert.Equal(OrderStatus.Canceled, (await h.OrderOfAsync(decision.Id)).Status);
        Assert.Contains(h.EventsOf<OrderUpdated>(), e => e.Order.Status == OrderStatus.Canceled);
        Assert.Null(await h.Cycle.RunIfAsync(() => agent.IsRunning, CancellationToken.None));
    }

    [Fact]
    public async Task A_broken_bar_is_skipped_with_its_reason_and_the_symbol_goes_on_with_the_next_bar()
    {
        var h = new CycleHarness(null, "AAPL");
        var history = h.ServeHistory("AAPL");
        await h.RunAsync();
        var last = history[^1];
        h.Market.Publish("AAPL", last with { Time = last.Time.AddMinutes(1), Close = double.NaN });

        var broken = await h.RunAsync();

        Assert.Equal(0, broken.Decisions);
        var failed = Assert.Single(h.EventsOf<CycleFailed>());
        Assert.StartsWith("AAPL: bar ", failed.Message);
        Assert.Contains("NaN", failed.Message);

        var next = h.Market.PublishNext("AAPL", open: 100, close: 100.5);
        var recovered = await h.RunAsync();

        Assert.Equal(1, recovered.Decisions);
        var decision = (await h.DecisionsAsync())[0];
        Assert.Equal(next.Time, decision.BarTime);
        Assert.Equal(100.5, decision.Indicators.Close);
        Assert.Equal(last.Close, decision.Indicators.PreviousClose);
    }

    [Fact]
    public async Task A_symbol_whose_market_data_fails_does_not_stop_the_others_and_is_named()
    {
        var h = new CycleHarness(null, "AAPL", "MSFT", "NVDA");
        h.ServeHistory("AAPL");
        h.ServeHistory("MSFT");
        h.ServeHistory("NVDA");
        h.Market.Fail("MSFT");

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(2, 0, 1), result);
        Assert.Equal(["AAPL", "NVDA"], (await h.DecisionsAsync()).Select(d => d.Symbol).Order());
        var failed = Assert.Single(h.EventsOf<CycleFailed>());
        Assert.StartsWith("MSFT: market data failed", failed.Message);
        Assert.Contains("the feed for MSFT is down", failed.Message);
        Assert.Single(h.EventsOf<PortfolioUpdated>());
    }

    [Fact]
    public async Task A_symbol_whose_analysis_fails_does_not_stop_the_others_and_is_named()
    {
        var analyst = new ScriptedAnalyst();
        analyst.Fail("AAPL");
        var h = new CycleHarness(analyst, "AAPL", "MSFT");
        h.ServeHistory("AAPL");
        h.ServeHistory("MSFT");

        var result = await h.RunAsync();

        Assert.Equal(new CycleResult(1, 0, 1), result);
        Assert.Equal("MSFT", Assert.Single(await h.DecisionsAsync()).Symbol);
        Assert.StartsWith("AAPL: decision failed", Assert.Single(h.EventsOf<CycleFailed>()).Message);
    }
}
