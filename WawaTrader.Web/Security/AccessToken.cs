using System.Security.Cryptography;
using System.Text;

namespace WawaTrader.Web.Security;

/// <summary>
/// The configured access token and the two things made from it: the check of a presented token (constant time: both sides
/// hashed, compared with <see cref="CryptographicOperations.FixedTimeEquals"/>) and the value of the access cookie (an HMAC
/// of a fixed label keyed by the token, so the cookie never holds the token itself and changes when the token does).
/// </summary>
public sealed class AccessToken
{
    private readonly byte[] _tokenHash;
    private readonly byte[] _cookieValue;

    private AccessToken(string token)
    {
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        _cookieValue = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "WawaTrader access cookie v1"u8)));
    }

    /// <summary>The token from <see cref="SecurityOptions.AccessTokenVariable"/>, else <c>Security:AccessToken</c>; null when neither is set.</summary>
    public static string? Of(SecurityOptions options, IConfiguration configuration) =>
        configuration[SecurityOptions.AccessTokenVariable] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : string.IsNullOrEmpty(options.AccessToken) ? null : options.AccessToken;

    /// <summary>The token in force, or null when access is open (loopback only).</summary>
    public static AccessToken? Create(SecurityOptions options, IConfiguration configuration) =>
        Of(options, configuration) is { } token ? new AccessToken(token) : null;

    public string CookieValue => Encoding.ASCII.GetString(_cookieValue);

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _tokenHash);

    public bool MatchesCookie(string? cookie) =>
        cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), _cookieValue);
}
