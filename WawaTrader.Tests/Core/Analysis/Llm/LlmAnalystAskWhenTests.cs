using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>When the model is asked (Llm:AskWhen, Llm:Enabled), and that settings apply to the next call.</summary>
public sealed class LlmAnalystAskWhenTests
{
    [Theory]
    [InlineData("Never", "buy", false)]
    [InlineData("Never", "hold", false)]
    [InlineData("Signal", "hold", false)]
    [InlineData("Signal", "buy", true)]
    [InlineData("Signal", "sell", true)]
    [InlineData("Always", "hold", true)]
    [InlineData("Always", "buy", true)]
    public async Task Asks_the_model_only_when_the_setting_says_so(string askWhen, string technical, bool asked)
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:AskWhen"] = askWhen });
        h.Server.Default = FakeReply.Json("HOLD", 60, "Nothing to add.");
        var context = technical switch { "buy" => LlmHarness.Buy(), "sell" => LlmHarness.Sell(), _ => LlmHarness.Hold() };

        var proposal = await h.Analyst.AnalyzeAsync(context, CancellationToken.None);

        Assert.Equal(asked ? 1 : 0, h.Server.Requests.Count);
        Assert.Equal(asked, proposal.Interaction is not null);
        Assert.Equal(asked ? DecisionSource.Llm : DecisionSource.Technical, proposal.Source);
        Assert.Equal(asked, proposal.Technical is not null);
    }

    [Fact]
    public async Task Answers_with_the_technical_view_alone_when_disabled()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Enabled"] = "false" });
        var context = LlmHarness.Buy();

        var proposal = await h.Analyst.AnalyzeAsync(context, CancellationToken.None);

        Assert.Empty(h.Server.Requests);
        Assert.Equal(DecisionSource.Technical, proposal.Source);
        Assert.Equal(TradeAction.Buy, proposal.Action);
        Assert.Null(proposal.Interaction);
        Assert.Equal(LlmHealthState.Disabled, h.Health.Current.State);
    }

    [Fact]
    public async Task Applies_a_changed_setting_to_the_next_call()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:AskWhen"] = "Never" });
        await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);
        h.Configuration["Llm:AskWhen"] = "Always";
        h.Configuration["Llm:Model"] = "other/model-2";
        h.Configuration.Reload();

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Hold(), CancellationToken.None);

        Assert.Equal("other/model-2", h.Server.Requests.Single().Json.GetProperty("model").GetString());
        Assert.Equal("other/model-2", proposal.Interaction!.Model);
    }

    [Fact]
    public async Task Uses_the_prompt_template_from_the_settings_and_records_its_version()
    {
        const string template = "Judge {{symbol}} now. Reply as JSON with action, confidence and reasoning.";
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:PromptTemplate"] = template });

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal("Judge AAPL now. Reply as JSON with action, confidence and reasoning.", LlmHarness.UserMessage(h.Server.Requests.Single()));
        Assert.Equal(PromptBuilder.Version(template), proposal.Interaction!.PromptVersion);
        Assert.NotEqual(PromptBuilder.Version(PromptTemplates.Default), proposal.Interaction.PromptVersion);
    }

    [Fact]
    public async Task In_advisory_mode_the_technical_view_decides_and_the_models_view_is_recorded()
    {
        await using var h = await LlmHarness.StartAsync(new() { ["Llm:Combination"] = "Advisory" });
        h.Server.Default = FakeReply.Json("SELL", 90, "Looks toppy.");

        var proposal = await h.Analyst.AnalyzeAsync(LlmHarness.Buy(), CancellationToken.None);

        Assert.Equal((TradeAction.Buy, 100d), (proposal.Action, proposal.Confidence));
        Assert.Equal(LlmOutcome.Used, proposal.Interaction!.Outcome);
        Assert.Equal(TradeAction.Sell, proposal.Interaction.Parsed!.Action);
        Assert.Contains("Looks toppy.", proposal.Reasoning);
    }
}
