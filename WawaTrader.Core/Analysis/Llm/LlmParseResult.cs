namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// What <see cref="LlmAnswerParser"/> read from a model's answer: the verdict, or why the answer could not be read with
/// certainty (never both). The caller keeps the raw text.
/// </summary>
public sealed record LlmParseResult(LlmVerdict? Verdict, string? Error)
{
    public bool Success => Verdict is not null;

    internal static LlmParseResult Ok(LlmVerdict verdict) => new(verdict, null);

    internal static LlmParseResult Fail(string error) => new(null, error);
}
