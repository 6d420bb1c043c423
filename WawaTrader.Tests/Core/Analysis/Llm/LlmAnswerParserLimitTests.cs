using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>The optional order type of the model's JSON answer: a limit order with its price, or a market order.</summary>
public sealed class LlmAnswerParserLimitTests
{
    [Theory]
    [InlineData("""{"action":"BUY","confidence":80,"reasoning":"r","order_type":"limit","limit_price":99.5}""", 99.5)]
    [InlineData("""{"action":"SELL","confidence":70,"reasoning":"r","order_type":"LIMIT","limit_price":"101.25"}""", 101.25)]
    [InlineData("""{"action":"BUY","confidence":80,"reasoning":"r"}""", null)]
    [InlineData("""{"action":"BUY","confidence":80,"reasoning":"r","order_type":"market","limit_price":99}""", null)]
    [InlineData("""{"action":"HOLD","confidence":60,"reasoning":"r","order_type":"limit","limit_price":99}""", null)]
    public void Reads_the_limit_price_of_a_limit_order_and_none_for_a_market_order(string answer, double? expected)
    {
        var result = LlmAnswerParser.Parse(answer);

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected is { } e ? (decimal)e : null, result.Verdict!.LimitPrice);
    }

    [Theory]
    [InlineData("""{"action":"BUY","confidence":80,"order_type":"limit"}""", "without a positive \"limit_price\"")]
    [InlineData("""{"action":"BUY","confidence":80,"order_type":"limit","limit_price":-3}""", "without a positive \"limit_price\"")]
    [InlineData("""{"action":"BUY","confidence":80,"order_type":"stop","limit_price":90}""", "order_type stop is not")]
    public void Refuses_a_limit_order_it_cannot_price_or_another_order_type(string answer, string error)
    {
        var result = LlmAnswerParser.Parse(answer);

        Assert.False(result.Success);
        Assert.Contains(error, result.Error);
    }

    [Fact]
    public async Task The_model_asking_for_a_limit_buy_that_the_technical_view_confirms_makes_a_limit_proposal()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Enqueue(new Fakes.FakeReply.Answer("""{"action":"BUY","confidence":80,"reasoning":"Oversold; buy a dip.","order_type":"limit","limit_price":94.8}"""));

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal((TradeAction.Buy, 94.8m), (proposal.Action, proposal.LimitPrice));
        Assert.Equal(94.8m, proposal.Interaction!.Parsed!.LimitPrice);
        Assert.Contains("\"order_type\":\"limit\"", proposal.Interaction.Prompt);
        Assert.Null(proposal.Technical!.LimitPrice);
    }

    /// <summary>The real model analyst seeing a bullish snapshot whatever the bars say (so its technical half proposes a Buy the model
    /// can confirm), at the bar's close.</summary>
    private sealed class BullishView(IAnalyst inner) : IAnalyst
    {
        public Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken) =>
            inner.AnalyzeAsync(context with { Indicators = Snapshots.Bullish() with { Close = context.Indicators.Close } }, cancellationToken);
    }

    [Fact]
    public async Task A_limit_the_model_asks_for_is_recorded_on_the_decision_and_the_paper_broker_fills_it_only_at_the_limit_on_a_later_bar()
    {
        await using var llm = await LlmHarness.StartAsync(new() { ["Llm:AskWhen"] = "Always" });
        llm.Server.Enqueue(new Fakes.FakeReply.Answer("""{"action":"BUY","confidence":85,"reasoning":"Buy the dip.","order_type":"limit","limit_price":99.2}"""));
        llm.Server.Default = Fakes.FakeReply.Json("HOLD", 60, "Wait.");
        var h = new Trading.CycleHarness(new BullishView(llm.Analyst), "AAPL");
        h.ServeHistory("AAPL", 100);

        await h.RunAsync();
        var decision = (await h.DecisionsAsync()).Single();
        h.Market.PublishNext("AAPL", 100, 100.1);                  // low 99.9: above the limit
        await h.RunAsync();
        var waiting = await h.OrderOfAsync(decision.Id);
        h.Market.PublishNext("AAPL", 99.5, 99);                    // opens above the limit, trades down through it
        await h.RunAsync();

        Assert.Equal((TradeAction.Buy, 99.2m, true), (decision.Action, decision.LimitPrice, decision.Approved));
        Assert.Equal((OrderType.Limit, (decimal?)99.2m), (decision.Order!.Type, decision.Order.LimitPrice));
        Assert.Equal(Math.Floor(100_000m * 0.05m / 99.2m), decision.Order.Quantity);
        Assert.True(waiting.IsOpen);
        var filled = await h.OrderOfAsync(decision.Id);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(99.2m, Assert.Single(filled.Fills).Price);
    }
}
