using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>The "never decides alone" table of <see cref="LlmVerdicts.Combine"/>.</summary>
public sealed class LlmAnalystCombinationTests
{
    private static Proposal Technical(TradeAction action, double confidence) =>
        new("AAPL", action, confidence, "Technical reasons.", DecisionSource.Technical);

    [Theory]
    // technical, its confidence, model, its confidence → action, confidence, source, outcome
    [InlineData(TradeAction.Buy, 75, TradeAction.Buy, 90, TradeAction.Buy, 75, DecisionSource.Llm, LlmOutcome.Used)]
    [InlineData(TradeAction.Buy, 75, TradeAction.Buy, 60, TradeAction.Buy, 60, DecisionSource.Llm, LlmOutcome.Used)]
    [InlineData(TradeAction.Sell, 80, TradeAction.Sell, 70, TradeAction.Sell, 70, DecisionSource.Llm, LlmOutcome.Used)]
    [InlineData(TradeAction.Buy, 75, TradeAction.Hold, 65, TradeAction.Hold, 65, DecisionSource.Llm, LlmOutcome.Vetoed)]
    [InlineData(TradeAction.Buy, 75, TradeAction.Sell, 85, TradeAction.Hold, 85, DecisionSource.Llm, LlmOutcome.Vetoed)]
    [InlineData(TradeAction.Sell, 80, TradeAction.Buy, 70, TradeAction.Hold, 70, DecisionSource.Llm, LlmOutcome.Vetoed)]
    [InlineData(TradeAction.Hold, 40, TradeAction.Buy, 95, TradeAction.Hold, 40, DecisionSource.Llm, LlmOutcome.Used)]
    [InlineData(TradeAction.Hold, 40, TradeAction.Sell, 95, TradeAction.Hold, 40, DecisionSource.Llm, LlmOutcome.Used)]
    [InlineData(TradeAction.Hold, 80, TradeAction.Hold, 60, TradeAction.Hold, 60, DecisionSource.Llm, LlmOutcome.Used)]
    public void Veto_or_confirm_lets_the_model_veto_lower_or_confirm_but_never_trade_alone(
        TradeAction technical, double technicalConfidence, TradeAction model, double modelConfidence,
        TradeAction action, double confidence, DecisionSource source, LlmOutcome outcome)
    {
        var combined = LlmVerdicts.Combine(LlmCombination.VetoOrConfirm, Technical(technical, technicalConfidence), new LlmVerdict(model, modelConfidence, "Model reasons."));

        Assert.Equal((action, confidence, source, outcome), (combined.Proposal.Action, combined.Proposal.Confidence, combined.Proposal.Source, combined.Outcome));
        Assert.Contains("Model reasons.", combined.Proposal.Reasoning);
        Assert.Contains("Technical reasons.", combined.Proposal.Reasoning);
    }

    [Fact]
    public void A_veto_names_the_vetoed_signal_and_the_models_view()
    {
        var combined = LlmVerdicts.Combine(LlmCombination.VetoOrConfirm, Technical(TradeAction.Sell, 80), new LlmVerdict(TradeAction.Hold, 70, "Support holds."));

        Assert.StartsWith("HOLD: the model vetoed the technical SELL (it says HOLD at 70%): Support holds.", combined.Proposal.Reasoning);
    }

    [Fact]
    public void A_model_trade_against_a_technical_hold_says_the_signal_must_agree()
    {
        var combined = LlmVerdicts.Combine(LlmCombination.VetoOrConfirm, Technical(TradeAction.Hold, 40), new LlmVerdict(TradeAction.Buy, 95, "Breakout."));

        Assert.Contains("the model suggests BUY at 95%, but a trade needs the technical signal to agree", combined.Proposal.Reasoning);
    }

    [Theory]
    [InlineData(TradeAction.Buy, TradeAction.Sell)]
    [InlineData(TradeAction.Hold, TradeAction.Buy)]
    [InlineData(TradeAction.Sell, TradeAction.Sell)]
    public void Advisory_keeps_the_technical_view_and_appends_the_models(TradeAction technical, TradeAction model)
    {
        var view = Technical(technical, 77);

        var combined = LlmVerdicts.Combine(LlmCombination.Advisory, view, new LlmVerdict(model, 90, "Model reasons."));

        Assert.Equal((technical, 77d, DecisionSource.Technical, LlmOutcome.Used), (combined.Proposal.Action, combined.Proposal.Confidence, combined.Proposal.Source, combined.Outcome));
        Assert.StartsWith("Technical reasons. Model (advisory, not used):", combined.Proposal.Reasoning);
    }
}
