using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Web.Security;

/// <summary>
/// Who may reach the app. On the default loopback address nobody else can; listening on any other address needs an access
/// token (<see cref="AccessTokenVariable"/> or <c>Security:AccessToken</c>), which pages ask for once and the API takes as a
/// bearer token.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>The environment variable that holds the access token (preferred to the setting: it never reaches a file).</summary>
    public const string AccessTokenVariable = "WAWATRADER_ACCESS_TOKEN";

    /// <summary>Fewest characters an access token may have.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>The access token; null or empty when not set. Never logged, never shown.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Largest request body accepted, in bytes (default 1 MiB); a larger one gets 413.</summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>Wrong tokens one client address may send per minute before it gets 429.</summary>
    [Range(1, 1_000)]
    public int MaxFailedTokensPerMinute { get; set; } = 5;
}
