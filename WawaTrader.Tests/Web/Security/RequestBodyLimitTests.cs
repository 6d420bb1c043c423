using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Security;

public abstract class RequestBodyLimitTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : RequestBodyLimitTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : RequestBodyLimitTests(TestProvider.Postgres);

    [Fact]
    public async Task A_body_over_the_limit_gets_413_problem_details_and_changes_nothing()
    {
        await using var app = App(new Dictionary<string, string?> { ["Security:MaxRequestBodyBytes"] = "4096" });
        using var client = app.CreateClient();
        var big = "{\"maxPositionPct\":5,\"pad\":\"" + new string('x', 8192) + "\"}";

        var response = await client.PutAsync("/api/settings/Risk", new StringContent(big, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("4,096", await response.Content.ReadAsStringAsync());
        var risk = await client.GetFromJsonAsync<JsonElement>("/api/settings/Risk");
        Assert.Equal(10, risk.GetProperty("maxPositionPct").GetDouble());
    }
}
