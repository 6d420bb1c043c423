using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>When the model is asked.</summary>
public enum LlmAskWhen
{
    /// <summary>Only when the technical analyst proposes Buy or Sell (the default: the slow path only when it matters).</summary>
    Signal,

    /// <summary>On every new bar of every symbol.</summary>
    Always,

    /// <summary>Never: technical analysis only.</summary>
    Never,
}

/// <summary>How the model's answer and the technical view combine. In every mode the model never trades alone.</summary>
public enum LlmCombination
{
    /// <summary>Default. The model may veto a technical Buy/Sell (→ Hold), lower its confidence, or confirm it; a Buy/Sell
    /// needs the technical signal to agree. Confidence = min(technical, model) when they agree.</summary>
    VetoOrConfirm,

    /// <summary>The model's answer is recorded and shown but the technical view decides.</summary>
    Advisory,
}

/// <summary>
/// The language-model analyst (any OpenAI-compatible server; defaults match LM Studio). Bound from the <c>Llm</c> section.
/// The API key is not an option: it comes from the environment variable <c>WAWATRADER_LLM_API_KEY</c> (optional).
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Name of the environment variable (configuration key) holding the API key.</summary>
    public const string ApiKeyVariable = "WAWATRADER_LLM_API_KEY";

    /// <summary>Ask the model. Turning it off applies at once; turning it on in an app started with it off needs a restart.</summary>
    [Configuration.AppliesAfterRestart]
    public bool Enabled { get; set; } = true;

    /// <summary>Base URL of the OpenAI-compatible API, including <c>/v1</c>.</summary>
    [Required, Url] public string Endpoint { get; set; } = "http://localhost:1234/v1";

    [Required, MinLength(1)] public string Model { get; set; } = "google/gemma-3-4b";

    [Range(0, 2)] public double Temperature { get; set; } = 0.2;

    /// <summary>Most tokens the model may answer with.</summary>
    [Range(16, 32_000)] public int MaxTokens { get; set; } = 400;

    /// <summary>Whole budget of one decision's call, retries included, in seconds.</summary>
    [Range(0.1, 600)] public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Most calls in flight at once.</summary>
    [Range(1, 64)] public int MaxConcurrency { get; set; } = 2;

    public LlmAskWhen AskWhen { get; set; } = LlmAskWhen.Signal;

    public LlmCombination Combination { get; set; } = LlmCombination.VetoOrConfirm;

    /// <summary>The prompt, with <c>{{placeholders}}</c> (see <c>PromptBuilder</c>); empty means the built-in template.</summary>
    public string PromptTemplate { get; set; } = "";

    /// <summary>
    /// The last date (UTC) the model's training data covers; empty when unknown. A backtest that asks the model live about bars
    /// before it is refused unless forced, because the model may simply remember what happened. The default is gemma-3's.
    /// </summary>
    public DateTime? KnowledgeCutoff { get; set; } = new DateTime(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
