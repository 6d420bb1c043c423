using WawaTrader.Core.Analysis.Llm;
using WawaTrader.Core.Trading;

namespace WawaTrader.Web.Api;

/// <summary>The columns of each CSV export (the JSON exports use the API's records, camelCase).</summary>
internal static class ExportKinds
{
    public static readonly string[] TradeHeader =
        ["time", "symbol", "side", "quantity", "price", "commission", "value", "clientOrderId", "decisionId"];

    public static object?[] TradeFields(TradeRecord t) =>
        [t.Time, t.Symbol, t.Side, t.Quantity, t.Price, t.Commission, t.Quantity * t.Price, t.ClientOrderId, t.DecisionId.ToString()];

    public static readonly string[] DecisionHeader =
    [
        "id", "time", "barTime", "symbol", "action", "confidence", "source", "approved", "reasoning",
        "technicalAction", "technicalConfidence", "technicalReasoning", "llmOutcome", "llmModel",
        "failedRiskChecks", "orderStatus", "orderSide", "orderQuantity", "filledQuantity", "averageFillPrice", "close",
    ];

    public static object?[] DecisionFields(DecisionRecord d)
    {
        var filled = d.Order?.Fills.Sum(f => f.Quantity) ?? 0m;
        decimal? average = filled > 0 ? d.Order!.Fills.Sum(f => f.Quantity * f.Price) / filled : null;
        return
        [
            d.Id.ToString(), d.Time, d.BarTime, d.Symbol, d.Action, d.Confidence, d.Source, d.Approved, d.Reasoning,
            d.Technical?.Action, d.Technical?.Confidence, d.Technical?.Reasoning, d.Interaction?.Outcome, d.Interaction?.Model,
            string.Join("; ", d.RiskChecks.Where(c => !c.Passed).Select(c => c.Reason)),
            d.Order?.Status, d.Order?.Side, d.Order?.Quantity, d.Order is null ? null : filled, average, d.Indicators.Close,
        ];
    }

    public static readonly string[] LlmHeader =
    [
        "id", "decisionId", "time", "symbol", "barTime", "close", "model", "endpoint", "promptVersion", "outcome",
        "parsedAction", "parsedConfidence", "parsedReasoning", "parsedLimitPrice", "error", "latencyMs", "promptTokens", "completionTokens",
        "prompt", "promptNote", "rawResponse",
    ];

    /// <summary>One interaction's fields; <c>promptNote</c> says why a prompt is empty and which decision's call kept it
    /// (<paramref name="keepers"/>, from <see cref="ILlmInteractionStore.GetPromptKeepersAsync"/>), empty when the prompt is there.</summary>
    public static object?[] LlmFields(LlmInteraction i, IReadOnlyDictionary<Guid, Guid> keepers) =>
    [
        i.Id.ToString(), i.DecisionId.ToString(), i.Time, i.Symbol, i.BarTime, i.Close, i.Model, i.Endpoint, i.PromptVersion, i.Outcome,
        i.Parsed?.Action, i.Parsed?.Confidence, i.Parsed?.Reasoning, i.Parsed?.LimitPrice, i.Error, i.LatencyMs, i.PromptTokens, i.CompletionTokens,
        i.Prompt, PromptNote(i, keepers), i.RawResponse,
    ];

    /// <summary>Null when the prompt was kept, else what the export says in its place.</summary>
    public static string? PromptNote(LlmInteraction i, IReadOnlyDictionary<Guid, Guid> keepers) =>
        i.PromptKept ? null : LlmInteraction.PromptNotKeptNoteFor(keepers.TryGetValue(i.Id, out var keeper) ? keeper : null);

    public static readonly string[] SnapshotHeader = ["time", "marketTime", "cash", "equity", "exposure", "dayPnl"];

    public static object?[] SnapshotFields(PerformanceSnapshot s) => [s.Time, s.MarketTime, s.Cash, s.Equity, s.Exposure, s.DayPnl];
}
