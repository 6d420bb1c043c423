using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WawaTrader.Tests.Web.Security;

/// <summary>The app's own endpoints, read from its route table, with their route values filled with plausible ones: the
/// security tests walk every endpoint, so an endpoint added later is covered without a list to update.</summary>
internal static partial class ApiRoutes
{
    /// <summary>Every endpoint whose path starts with one of <paramref name="prefixes"/> and answers one of <paramref name="methods"/>:
    /// a guid route value gets a new guid, a number <paramref name="number"/>, <c>{category}</c> <paramref name="category"/>.</summary>
    public static List<(string Method, string Path)> Find(IServiceProvider services, string[] methods, string[] prefixes,
        string category = "Risk", string number = "1")
    {
        var result = new List<(string, string)>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (!prefixes.Any(p => pattern.StartsWith(p, StringComparison.OrdinalIgnoreCase))) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!methods.Contains(method, StringComparer.OrdinalIgnoreCase)) continue;
                result.Add((method, RouteValue().Replace(pattern, m => m.Groups[3].Value switch
                {
                    "guid" => Guid.NewGuid().ToString(),
                    "long" or "int" => number,
                    _ => m.Groups[1].Value == "category" ? category : "x",
                })));
            }
        }
        return result;
    }

    [GeneratedRegex(@"\{(\w+)(:(\w+))?\??\}")]
    private static partial Regex RouteValue();
}
