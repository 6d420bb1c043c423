using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>The agent's cycle with the real LlmAnalyst against the fake server: what the model said ends up on the recorded decision.</summary>
public sealed class LlmAnalystCycleTests
{
    [Fact]
    public async Task Records_the_models_interaction_under_the_decisions_id_once_per_symbol_and_bar()
    {
        await using var llm = await LlmHarness.StartAsync(new() { ["Llm:AskWhen"] = "Always" });
        llm.Server.Default = FakeReply.Json("HOLD", 65, "No edge here.");
        var h = new CycleHarness(llm.Analyst, "AAPL", "MSFT");
        h.ServeHistory("AAPL", 100);
        h.ServeHistory("MSFT", 100);

        await h.RunAsync();
        await h.RunAsync(); // no new bar: nobody is asked again

        var decisions = await h.DecisionsAsync();
        Assert.Equal(2, decisions.Count);
        Assert.Equal(2, llm.Server.Requests.Count);
        Assert.All(decisions, d =>
        {
            Assert.Equal(DecisionSource.Llm, d.Source);
            Assert.Equal(d.Id, d.Interaction!.DecisionId);
            Assert.Equal(d.Symbol, d.Interaction.Symbol);
            Assert.Equal(d.BarTime, d.Interaction.BarTime);
            Assert.Equal(new LlmVerdict(TradeAction.Hold, 65, "No edge here."), d.Interaction.Parsed);
            Assert.NotNull(d.Technical);
        });
    }

    [Fact]
    public async Task Keeps_deciding_with_the_technical_view_when_the_model_fails()
    {
        await using var llm = await LlmHarness.StartAsync(new() { ["Llm:AskWhen"] = "Always", ["Llm:Resilience:MaxRetries"] = "0" });
        llm.Server.Default = FakeReply.ServerError();
        var h = new CycleHarness(llm.Analyst, "AAPL");
        h.ServeHistory("AAPL", 100);

        await h.RunAsync();

        var decision = Assert.Single(await h.DecisionsAsync());
        Assert.Equal(DecisionSource.Fallback, decision.Source);
        Assert.Equal(LlmOutcome.Failed, decision.Interaction!.Outcome);
        Assert.StartsWith("Model unavailable (HTTP 500", decision.Reasoning);
    }
}
