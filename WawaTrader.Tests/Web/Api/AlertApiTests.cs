using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis;
using WawaTrader.Tests.Core.Persistence;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Web.Api;

/// <summary>The app started with e-mail and Slack pointing at loopback peers: a fill reaches both; the alerts API lists and tests.</summary>
public abstract class AlertApiTests(TestProvider provider) : AppTests(provider)
{
    public sealed class OnSqlite() : AlertApiTests(TestProvider.Sqlite);

    [Trait("Category", "Slow")]
    public sealed class OnPostgres() : AlertApiTests(TestProvider.Postgres);

    private static Dictionary<string, string?> Alerting(FakeSmtpServer smtp, string webhookUrl) => new()
    {
        ["Alerts:EmailEnabled"] = "true",
        ["Alerts:SmtpHost"] = "127.0.0.1",
        ["Alerts:SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Alerts:SmtpSecurity"] = "None",
        ["Alerts:From"] = "wawatrader@example.com",
        ["Alerts:To"] = "trader@example.com",
        ["Alerts:SlackEnabled"] = "true",
        [AlertsOptions.SlackWebhookUrlVariable] = webhookUrl,
        ["Trading:Watchlist:0"] = "NVDA",
    };

    [Fact]
    public async Task A_fill_in_the_running_app_sends_a_trade_alert_by_email_and_to_slack()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var slack = await FakeSlackWebhook.StartAsync();
        await using var factory = App(Alerting(smtp, slack.Url));
        var analyst = new ScriptedAnalyst().Propose("NVDA", TradeAction.Buy, 90);
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IAnalyst>(analyst)));
        using var client = app.CreateClient();

        await Eventually.UntilAsync(() => smtp.Received.Any(m => (m.Message.Subject ?? "").StartsWith("[WawaTrader] Trade: BUY ", StringComparison.Ordinal)), "the trade e-mail");
        await Eventually.UntilAsync(() => slack.Received.Any(m => ((string?)m["text"])!.StartsWith("[WawaTrader] Trade: BUY ", StringComparison.Ordinal)), "the trade on Slack");

        var mail = smtp.Received.First(m => (m.Message.Subject ?? "").StartsWith("[WawaTrader] Trade: BUY ", StringComparison.Ordinal));
        Assert.Matches(@"^\[WawaTrader\] Trade: BUY \d+ NVDA @ \d+\.\d\d$", mail.Message.Subject);
        Assert.Contains("scripted Buy for NVDA", mail.Message.TextBody);
        var json = await client.GetStringAsync("/api/alerts?type=Trade&status=Sent");
        var records = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Contains(records, r => r.GetProperty("channel").GetString() == "Email");
        Assert.Contains(records, r => r.GetProperty("channel").GetString() == "Slack");
        Assert.DoesNotContain(FakeSlackWebhook.WebhookPath, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_alerts_report_delivery_or_the_exact_error_per_channel()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var slack = await FakeSlackWebhook.StartAsync();
        var settings = Alerting(smtp, slack.BaseUrl + "/services/T0000TEST/B0000TEST/revoked");
        settings["Trading:StartOnLaunch"] = "false";
        await using var app = App(settings);
        using var client = app.CreateClient();

        var email = await PostTestAsync(client, "email");
        var slackResult = await PostTestAsync(client, "slack");

        Assert.Equal(("Sent", JsonValueKind.Null), (email.GetProperty("status").GetString(), email.GetProperty("error").ValueKind));
        Assert.Equal("[WawaTrader] Test: Email alerts work", Assert.Single(smtp.Received).Message.Subject);
        Assert.Equal("Failed", slackResult.GetProperty("status").GetString());
        Assert.Equal("the Slack webhook was not found: 404 no_service", slackResult.GetProperty("error").GetString());
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/alerts?type=Test&channel=slack&status=failed&limit=5");
        Assert.Equal("the Slack webhook was not found: 404 no_service", Assert.Single(listed.EnumerateArray().ToList()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Test_email_to_a_port_nothing_listens_on_reports_connection_refused()
    {
        var port = FakeSmtpServer.FreePort();
        await using var app = App(new Dictionary<string, string?>
        {
            ["Trading:StartOnLaunch"] = "false",
            ["Alerts:SmtpHost"] = "127.0.0.1",
            ["Alerts:SmtpPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["Alerts:SmtpSecurity"] = "None",
            ["Alerts:To"] = "trader@example.com",
        });
        using var client = app.CreateClient();

        var result = await PostTestAsync(client, "email");

        Assert.Equal(("Failed", $"connection refused by 127.0.0.1:{port}"), (result.GetProperty("status").GetString(), result.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("/api/alerts?type=Nope", "type")]
    [InlineData("/api/alerts?channel=Pager", "channel")]
    [InlineData("/api/alerts?status=Lost", "status")]
    [InlineData("/api/alerts?limit=0", "limit")]
    public async Task Bad_filters_are_a_validation_problem_naming_the_parameter(string url, string parameter)
    {
        await using var app = App(new Dictionary<string, string?> { ["Trading:StartOnLaunch"] = "false" });
        using var client = app.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    private static async Task<JsonElement> PostTestAsync(HttpClient client, string channel)
    {
        using var response = await client.PostAsync($"/api/alerts/test/{channel}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
