using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WawaTrader.Tests.Fakes;
using WawaTrader.Tests.Core.Persistence;

namespace WawaTrader.Tests.Web.Security;

/// <summary>
/// Plants distinctive secrets (model key, Alpaca keys, access token), drives every page and every GET endpoint, makes the
/// services behind them fail (a model that answers 500, an Alpaca that is not there), and greps everything the app said:
/// response bodies and headers, page HTML, exports and every log line at every level.
/// </summary>
public abstract class SecretsNeverShownTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : SecretsNeverShownTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : SecretsNeverShownTests(TestProvider.Postgres);

    private const string ModelKey = "sk-PLANTED-model-key-4f7a19";
    private const string AlpacaKeyId = "PKPLANTEDKEYID7Q2";
    private const string AlpacaSecret = "PLANTED-alpaca-secret-x9w3";
    private const string AccessToken = "PLANTED-access-token-0b5e7c";
    private static readonly string[] Secrets = [ModelKey, AlpacaKeyId, AlpacaSecret, AccessToken];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task No_secret_appears_in_any_page_answer_export_or_log_line_even_when_services_fail()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Default = FakeReply.ServerError();
        var logs = new CapturingProvider();
        await using var factory = App(new Dictionary<string, string?>
        {
            ["Llm:Enabled"] = "true",
            ["Llm:Endpoint"] = model.BaseUrl,
            ["Llm:Model"] = FakeOpenAiServer.ModelId,
            ["Llm:AskWhen"] = "Always",
            ["WAWATRADER_LLM_API_KEY"] = ModelKey,
            ["Alpaca__KeyId"] = AlpacaKeyId,
            ["Alpaca:KeyId"] = AlpacaKeyId,
            ["Alpaca__SecretKey"] = AlpacaSecret,
            ["Alpaca:SecretKey"] = AlpacaSecret,
            ["Alpaca:DataUrl"] = "http://127.0.0.1:9", // nothing listens: every Alpaca call fails
            ["WAWATRADER_ACCESS_TOKEN"] = AccessToken,
            ["Logging:LogLevel:Default"] = "Trace",
        });
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        var seen = new List<string>();

        for (var i = 0; i < 50 && model.Requests.Count < 3; i++) await client.GetStringAsync("/api/llm/status"); // let the agent ask the failing model
        var paths = ApiRoutes.Find(app.Services, ["GET"], ["/api/", "/health"], category: "Alpaca").Select(e => e.Path)
            .Concat(new[] { "Risk", "Trading", "Llm", "Alerts", "Backtesting", "Market", "Alpaca" }.Select(c => $"/api/settings/{c}"));
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            seen.Add($"{path} {(int)response.StatusCode} {response.Headers} {response.Content.Headers} {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var page in new[] { "/", "/backtests", "/decisions", "/exports", "/history", "/llm", "/llm/scorecard", "/settings", "/trades", "/alerts" })
            seen.Add(await (await client.GetAsync(page)).Content.ReadAsStringAsync());
        foreach (var kind in new[] { "trades", "decisions", "llm", "snapshots" })
            seen.Add(await (await client.GetAsync($"/api/export/{kind}?format=json")).Content.ReadAsStringAsync());
        var fetch = await client.PostAsJsonAsync("/api/bars/fetch", new { symbols = new[] { "SPY" }, from = "2024-01-02" }); // Alpaca unreachable
        seen.Add($"{(int)fetch.StatusCode} {await fetch.Content.ReadAsStringAsync()}");
        var settings = await client.PutAsJsonAsync("/api/settings/Llm", new { apiKey = ModelKey + "-changed", endpoint = "http://user:" + ModelKey + "@127.0.0.1:1/v1" });
        seen.Add($"{(int)settings.StatusCode} {await settings.Content.ReadAsStringAsync()}");
        seen.Add(await client.GetStringAsync("/api/settings/history"));

        Assert.True(model.Requests.Count > 0, "the agent never asked the model: the failure path was not exercised");
        Assert.Contains(model.Requests, r => r.Authorization == $"Bearer {ModelKey}"); // the key was really in use
        var everything = seen.Concat(logs.Lines).ToList();
        Assert.True(logs.Lines.Count > 100, $"only {logs.Lines.Count} log lines captured");
        // On PostgreSQL the database password is a secret too: the test cluster's, in the app's connection string.
        var databasePassword = factory.ConnectionString is null ? null : new Npgsql.NpgsqlConnectionStringBuilder(factory.ConnectionString).Password;
        foreach (var secret in databasePassword is null ? Secrets : [.. Secrets, databasePassword])
            Assert.DoesNotContain(everything, text => text.Contains(secret, StringComparison.Ordinal));
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"scope {category}: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state}");
        }
    }
}
