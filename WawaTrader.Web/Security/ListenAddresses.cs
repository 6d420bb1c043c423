namespace WawaTrader.Web.Security;

/// <summary>Reads the URLs the server is told to listen on (<c>urls</c>: appsettings, <c>--urls</c>, <c>ASPNETCORE_URLS</c>)
/// and says which of them other machines could reach.</summary>
public static class ListenAddresses
{
    /// <summary>The configured URLs, split on ';'.</summary>
    public static IReadOnlyList<string> Of(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The URLs whose host is not a loopback address or <c>localhost</c> (<c>0.0.0.0</c>, <c>*</c>, <c>+</c>, a LAN
    /// address, a host name).</summary>
    public static IReadOnlyList<string> Reachable(IConfiguration configuration) => [.. Of(configuration).Where(u => !IsLoopback(u))];

    public static bool IsLoopback(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']') + 1)] : rest.Split(':', '/')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address);
    }
}
