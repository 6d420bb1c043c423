using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WawaTrader.Core.Alerts;
using WawaTrader.Tests.Core.Alerts;
using WawaTrader.Tests.Fakes;
using WawaTrader.Tests.Web.Components.DecisionPages;
using WawaTrader.Web.Components.Settings;
using AlertsPage = WawaTrader.Web.Components.Pages.Alerts;

namespace WawaTrader.Tests.Web.Components.Alerts;

public sealed class AlertsPageTests
{
    private static AlertDelivery Record(AlertType type, AlertChannelKind channel, AlertStatus status, string subject, string? error = null) =>
        new(0, AlertHarness.Start.UtcDateTime, type, AlertSeverity.Info, channel, subject, status, status == AlertStatus.Failed ? 3 : 1, error, null, null, 1);

    [Fact]
    public async Task Lists_the_alerts_newest_first_and_filters_them_by_status()
    {
        await using var alerts = await new AlertHarness(new Dictionary<string, string?>()).StartAsync();
        await alerts.Store.AddAsync(Record(AlertType.Trade, AlertChannelKind.Email, AlertStatus.Sent, "[WawaTrader] Trade: BUY 12 NVDA @ 131.20"), CancellationToken.None);
        await alerts.Store.AddAsync(Record(AlertType.Trade, AlertChannelKind.Slack, AlertStatus.Failed, "[WawaTrader] Trade: SELL 3 AAPL @ 190.00",
            "the Slack webhook was not found: 404 no_service"), CancellationToken.None);
        await using var ctx = PageContext.Create(services: s => s.AddSingleton(alerts.Store));

        var page = ctx.Render<AlertsPage>();
        page.WaitForElement("[data-testid=circuit-ready]", PageContext.Wait);

        Assert.Equal(["[WawaTrader] Trade: SELL 3 AAPL @ 190.00", "[WawaTrader] Trade: BUY 12 NVDA @ 131.20"],
            page.FindAll("[data-testid=alert-subject]").Select(e => e.TextContent.Trim()));
        var status = page.FindComponent<MudSelect<AlertStatus?>>();
        await page.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(AlertStatus.Failed));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=alert-subject]")), PageContext.Wait);
        Assert.Equal("the Slack webhook was not found: 404 no_service", page.Find("[data-testid=alert-error]").TextContent.Trim());
    }

    [Fact]
    public async Task Times_are_in_the_viewers_zone_named_in_the_header()
    {
        await using var alerts = await new AlertHarness(new Dictionary<string, string?>()).StartAsync();
        await alerts.Store.AddAsync(Record(AlertType.Trade, AlertChannelKind.Email, AlertStatus.Sent, "[WawaTrader] Trade: BUY 12 NVDA @ 131.20"), CancellationToken.None);
        await using var ctx = PageContext.Create(services: s => s.AddSingleton(alerts.Store).AddViewerZone());

        var page = ctx.Render<AlertsPage>();
        page.WaitForElement("[data-testid=alert-subject]", PageContext.Wait);

        // 2024-03-15 14:00 UTC is 07:00 in Los Angeles (PDT).
        Assert.Equal("Time (America/Los_Angeles)", page.Find("[data-testid=alerts-time-header]").TextContent.Trim());
        Assert.Equal("2024-03-15 07:00:00", page.Find("[data-testid=alert-row]").TextContent.Trim());
    }

    [Fact]
    public async Task The_test_buttons_show_delivery_or_the_exact_error()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var alerts = await new AlertHarness(new Dictionary<string, string?>
        {
            ["Alerts:SmtpHost"] = "127.0.0.1", ["Alerts:SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture), ["Alerts:SmtpSecurity"] = "None",
            ["Alerts:To"] = "trader@example.com",
        }).StartAsync();
        await using var ctx = PageContext.Create(services: s => s.AddSingleton(alerts.Manager));

        var buttons = ctx.Render<AlertTestButtons>();
        await buttons.Find("[data-testid=test-alert-email]").ClickAsync(new());
        await buttons.Find("[data-testid=test-alert-slack]").ClickAsync(new());

        buttons.WaitForAssertion(() => Assert.Equal("Email: delivered.", buttons.Find("[data-testid=test-alert-result-email]").TextContent.Trim()), PageContext.Wait);
        buttons.WaitForAssertion(() => Assert.Equal("Slack: failed: no Slack webhook URL is set (Alerts:SlackWebhookUrl or WAWATRADER_SLACK_WEBHOOK_URL)",
            buttons.Find("[data-testid=test-alert-result-slack]").TextContent.Trim()), PageContext.Wait);
        Assert.Single(smtp.Received);
    }
}
