using Microsoft.Extensions.Options;

namespace WawaTrader.Web.Security;

/// <summary>Refuses to start on an address other machines can reach without an access token, or with one too short to guess.</summary>
public sealed class SecurityOptionsValidator(IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var token = AccessToken.Of(options, configuration);
        if (token is { Length: > 0 and < SecurityOptions.MinimumTokenLength })
            return ValidateOptionsResult.Fail($"The access token ({SecurityOptions.AccessTokenVariable}) has {token.Length} characters; it must have at least {SecurityOptions.MinimumTokenLength}.");
        var reachable = ListenAddresses.Reachable(configuration);
        if (reachable.Count > 0 && string.IsNullOrEmpty(token))
            return ValidateOptionsResult.Fail(
                $"WawaTrader would listen on {string.Join(", ", reachable)}, which other machines can reach, without an access token: " +
                $"set {SecurityOptions.AccessTokenVariable} to a secret of at least {SecurityOptions.MinimumTokenLength} characters (and AllowedHosts to the names you use), " +
                "or listen on http://127.0.0.1:5000 only.");
        return ValidateOptionsResult.Success;
    }
}
