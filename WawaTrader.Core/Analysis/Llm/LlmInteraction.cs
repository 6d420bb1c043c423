namespace WawaTrader.Core.Analysis.Llm;

/// <summary>What came of asking the model for one decision.</summary>
public enum LlmOutcome
{
    /// <summary>The answer agreed with the technical signal (confirmed it, possibly at a lower confidence) and was used.</summary>
    Used,

    /// <summary>The answer disagreed with the technical Buy/Sell, so the decision became a Hold.</summary>
    Vetoed,

    /// <summary>The call failed (timeout, connection refused, HTTP error, circuit open); the technical view stood alone.</summary>
    Failed,

    /// <summary>The model answered but the answer was unreadable; the technical view stood alone.</summary>
    FellBack,
}

/// <summary>The model's answer as parsed: action, confidence in percent (0–100), reasoning.</summary>
public sealed record LlmVerdict(TradeAction Action, double Confidence, string Reasoning)
{
    /// <summary>The limit price the model asked for (<c>"order_type":"limit","limit_price":...</c>) with a BUY or SELL; null for a market order.</summary>
    public decimal? LimitPrice { get; init; }
}

/// <summary>
/// One call to the model, recorded for audit (table <c>llm_interactions</c>): the full prompt (not for repeated failures, see <see cref="PromptKept"/>), the raw answer, what was
/// parsed or why not, latency in milliseconds (wall time of the call including retries), token counts when the server
/// reported them, and the outcome. <see cref="Endpoint"/> is the base URL only — never a key.
/// <see cref="Symbol"/>, <see cref="BarTime"/> (market, UTC) and <see cref="Close"/> say what was asked about, for calibration.
/// </summary>
public sealed record LlmInteraction(
    Guid Id,
    Guid DecisionId,
    DateTime Time,
    string Symbol,
    DateTime BarTime,
    double Close,
    string Model,
    string Endpoint,
    string PromptVersion,
    string Prompt,
    string? RawResponse,
    LlmVerdict? Parsed,
    string? Error,
    double LatencyMs,
    int? PromptTokens,
    int? CompletionTokens,
    LlmOutcome Outcome)
{
    /// <summary>What the pages and the API say in place of a prompt that was not kept.</summary>
    public const string PromptNotKeptNote = "Prompt not kept for repeated failures: the first failed call of this run of identical failures keeps it.";

    /// <summary>What an export says in place of a prompt that was not kept: which decision's call kept it
    /// (<see cref="ILlmInteractionStore.GetPromptKeepersAsync"/>), or that that call is no longer recorded (pruned).</summary>
    public static string PromptNotKeptNoteFor(Guid? keeperDecisionId) => keeperDecisionId is { } keeper
        ? $"Prompt not kept: a repeated failure; decision {keeper}, the first failed call of this run of identical failures, keeps it."
        : "Prompt not kept: a repeated failure; the first failed call of this run of identical failures is no longer recorded.";

    /// <summary>Whether <see cref="Prompt"/> was kept. A failed call that repeats the previous failed call's error (no call
    /// succeeded in between) is recorded without its prompt (an empty <see cref="Prompt"/>): a server that is down would
    /// otherwise store the same kilobyte per symbol and tick. Its outcome, error and latency are kept.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool PromptKept => Prompt.Length > 0;
}
