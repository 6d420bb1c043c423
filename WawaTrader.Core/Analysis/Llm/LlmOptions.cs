using System.ComponentModel.DataAnnotations;
using WawaTrader.Core.Configuration;

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
[Applies(SettingApplies.NextModelCall)]
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Name of the environment variable (configuration key) holding the API key.</summary>
    public const string ApiKeyVariable = "WAWATRADER_LLM_API_KEY";

    /// <summary>The key-only secret <c>Llm:ApiKey</c> of the settings page (it overrides <see cref="ApiKeyVariable"/>); not an
    /// option property, described here so that it is labelled like one.</summary>
    [Display(Name = "Model server API key", ShortName = "Model API key",
        Description = "The key the model server asks for, if any; stored encrypted, never shown (or WAWATRADER_LLM_API_KEY).")]
    [Unit(Units.None)]
    public const string ApiKeySetting = "ApiKey";

    /// <summary>Ask the model. Turning it off applies at once; turning it on in an app started with it off needs a restart.</summary>
    [Display(Name = "Ask the model", ShortName = "Model enabled",
        Description = "Ask the language model about signals; off, the rules decide alone (turning it off applies at once).")]
    [Unit(Units.None)]
    [Configuration.AppliesAfterRestart]
    public bool Enabled { get; set; } = true;

    /// <summary>Base URL of the OpenAI-compatible API, including <c>/v1</c>.</summary>
    [Display(Name = "Model server URL", ShortName = "Model server",
        Description = "Base URL of any OpenAI-compatible server, including /v1 (LM Studio, Ollama, vLLM, OpenAI).")]
    [Unit(Units.None)]
    [Required, Url] public string Endpoint { get; set; } = "http://localhost:1234/v1";

    [Display(Name = "Model id", ShortName = "Model",
        Description = "The model the server is asked to run.")]
    [Unit(Units.None)]
    [Required, MinLength(1)] public string Model { get; set; } = "google/gemma-3-4b";

    [Display(Name = "Sampling temperature", ShortName = "Temperature",
        Description = "0 answers the same way each time; higher varies more.")]
    [Unit(Units.None)]
    [Range(0, 2)] public double Temperature { get; set; } = 0.2;

    /// <summary>Most tokens the model may answer with.</summary>
    [Display(Name = "Longest answer", ShortName = "Longest answer",
        Description = "Most tokens the model may answer with.")]
    [Unit(Units.Tokens)]
    [Range(16, 32_000)] public int MaxTokens { get; set; } = 400;

    /// <summary>Whole budget of one decision's call, retries included, in seconds.</summary>
    [Display(Name = "Time allowed per decision", ShortName = "Model timeout",
        Description = "Whole budget of one decision's call to the model, retries included; past it the rules decide alone.")]
    [Unit(Units.Seconds)]
    [Range(0.1, 600)] public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Most calls in flight at once.</summary>
    [Display(Name = "Most model calls at once", ShortName = "Model calls at once",
        Description = "Calls to the model in flight at the same time.")]
    [Unit(Units.Calls)]
    [Range(1, 64)] public int MaxConcurrency { get; set; } = 2;

    [Display(Name = "When to ask the model", ShortName = "Ask when",
        Description = "Signal: only when the rules propose Buy or Sell; Always: every new bar; Never: rules only.")]
    [Unit(Units.None)]
    public LlmAskWhen AskWhen { get; set; } = LlmAskWhen.Signal;

    [Display(Name = "How the model's view counts", ShortName = "Combination",
        Description = "VetoOrConfirm: the model may veto or confirm a rules signal; Advisory: recorded, the rules decide.")]
    [Unit(Units.None)]
    public LlmCombination Combination { get; set; } = LlmCombination.VetoOrConfirm;

    /// <summary>The prompt, with <c>{{placeholders}}</c> (see <c>PromptBuilder</c>); empty means the built-in template.</summary>
    [Display(Name = "Prompt template", ShortName = "Prompt",
        Description = "The prompt with {{placeholders}} (symbol, close, indicators, limits, ...); empty uses the built-in one.")]
    [Unit(Units.None)]
    public string PromptTemplate { get; set; } = "";

    /// <summary>
    /// The last date (UTC) the model's training data covers; empty when unknown. A backtest that asks the model live about bars
    /// before it is refused unless forced, because the model may simply remember what happened. The default is gemma-3's.
    /// </summary>
    [Display(Name = "Model knowledge cut-off", ShortName = "Knowledge cut-off",
        Description = "Last date the model's training covers; a backtest asking it live about earlier bars is refused unless forced.")]
    [Unit(Units.None)]
    public DateTime? KnowledgeCutoff { get; set; } = new DateTime(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
