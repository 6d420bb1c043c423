using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>Builders of decisions the model took part in, for the persistence and API tests.</summary>
internal static class LlmData
{
    public const string Model = "google/gemma-3-4b";
    public const string Endpoint = "http://localhost:1234/v1";

    /// <summary>The decision with its close set (the indicator snapshot's close and the interaction's, if any).</summary>
    public static DecisionRecord AtClose(this DecisionRecord decision, double close) => decision with
    {
        Indicators = decision.Indicators with { Close = close },
        Interaction = decision.Interaction is null ? null : decision.Interaction with { Close = close },
    };

    /// <summary>The decision with a technical view and a model interaction about its symbol, bar and close.</summary>
    public static DecisionRecord WithModel(
        this DecisionRecord decision,
        LlmOutcome outcome = LlmOutcome.Used,
        LlmVerdict? parsed = null,
        bool parsedNull = false,
        string model = Model,
        string promptVersion = "v1",
        string prompt = "You are a careful trading assistant. Answer in JSON.",
        string? rawResponse = """{"action":"BUY","confidence":70,"reasoning":"Momentum is strong"}""",
        string? error = null,
        double latencyMs = 812.5,
        int? promptTokens = 734,
        int? completionTokens = 41,
        DateTime? time = null,
        string endpoint = Endpoint) => decision with
    {
        Technical = new Proposal(decision.Symbol, TradeAction.Buy, 68.25, "RSI 61.5 and price above SMA20", DecisionSource.Technical),
        Interaction = new LlmInteraction(
            Guid.NewGuid(), decision.Id, time ?? decision.Time.AddMilliseconds(-1), decision.Symbol, decision.BarTime, decision.Indicators.Close,
            model, endpoint, promptVersion, prompt, rawResponse,
            parsedNull ? null : parsed ?? new LlmVerdict(TradeAction.Buy, 70, "Momentum is strong"),
            error, latencyMs, promptTokens, completionTokens, outcome),
    };
}
