using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Rules of <see cref="LlmOptions"/> beyond the data annotations, with messages naming the configuration key: the
/// endpoint is an absolute http(s) base URL (…/v1) without credentials (the key comes from
/// <see cref="LlmOptions.ApiKeyVariable"/>, and the endpoint is recorded in the audit) and not the full
/// <c>/chat/completions</c> path; a custom prompt template uses only placeholders <see cref="PromptBuilder"/> knows.
/// Used at start-up and by the settings page before saving.
/// </summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    private const string EndpointKey = LlmOptions.SectionName + ":" + nameof(LlmOptions.Endpoint);
    private const string TemplateKey = LlmOptions.SectionName + ":" + nameof(LlmOptions.PromptTemplate);

    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (EndpointProblem(options.Endpoint) is { } problem) failures.Add(problem);
        if (!string.IsNullOrWhiteSpace(options.PromptTemplate))
        {
            var unknown = PromptBuilder.UnknownPlaceholders(options.PromptTemplate);
            if (unknown.Count > 0)
            {
                failures.Add($"{TemplateKey} uses unknown placeholder{(unknown.Count > 1 ? "s" : "")} " +
                             $"{string.Join(", ", unknown.Select(p => "{{" + p + "}}"))}; known: " +
                             $"{string.Join(", ", PromptBuilder.KnownPlaceholders.Select(p => "{{" + p + "}}"))}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? EndpointProblem(string? endpoint)
    {
        if (!Uri.TryCreate(endpoint?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
            return $"{EndpointKey}{Shown(endpoint)} must be an absolute http or https URL, e.g. http://localhost:1234/v1.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return $"{EndpointKey} must not contain credentials; put the API key in the environment variable {LlmOptions.ApiKeyVariable}.";
        if (uri.AbsolutePath.TrimEnd('/').EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase))
            return $"{EndpointKey}{Shown(endpoint)} must be the API's base URL (e.g. http://localhost:1234/v1), not the /chat/completions path.";
        return null;
    }

    /// <summary>The value in quotes for the message, unless it may hold credentials (an <c>@</c>).</summary>
    private static string Shown(string? endpoint) => endpoint is null || endpoint.Contains('@') ? "" : $" (\"{endpoint}\")";
}
