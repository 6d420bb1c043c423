using System.Globalization;
using MimeKit;
using WawaTrader.Core.Alerts;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>E-mail alerts against a real SMTP server on loopback (the SmtpServer package).</summary>
public sealed class EmailAlertTests
{
    private static Dictionary<string, string?> Email(FakeSmtpServer smtp, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:EmailEnabled"] = "true",
            ["Alerts:SmtpHost"] = "127.0.0.1",
            ["Alerts:SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Alerts:SmtpSecurity"] = "None",
            ["Alerts:To"] = "trader@example.com, desk@example.com",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    [Fact]
    public async Task Trade_alert_arrives_with_its_subject_recipients_and_plain_and_html_parts()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var alerts = await new AlertHarness(Email(smtp, ("Alerts:BaseUrl", "https://trader.example.com"))).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        await Eventually.UntilAsync(() => smtp.Received.Count == 1, "the e-mail");
        var mail = smtp.Received[0];
        Assert.Equal("[WawaTrader] Trade: BUY 12 NVDA @ 131.20", mail.Message.Subject);
        Assert.Equal(["trader@example.com", "desk@example.com"], mail.To);
        Assert.Equal("wawatrader@example.com", mail.From);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Message.Body);
        Assert.Contains("Why: RSI turned up from 28", mail.Message.TextBody);
        Assert.Contains($"https://trader.example.com/decisions/{Alerts.DecisionId}", mail.Message.TextBody);
        Assert.Contains("<td>RSI turned up from 28 with MACD crossing above its signal &lt;&amp;&gt; volume 1.4x average.</td>", mail.Message.HtmlBody);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        var record = await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Status == AlertStatus.Sent, "the record marked sent");
        Assert.Equal((AlertType.Trade, 1, "[WawaTrader] Trade: BUY 12 NVDA @ 131.20", (string?)null), (record.Type, record.Attempts, record.Subject, record.Error));
    }

    [Fact]
    public async Task Authenticates_with_the_user_and_the_password_from_the_environment_variable()
    {
        await using var smtp = FakeSmtpServer.Start(user: "alerts", password: "pa55-w0rd");
        await using var alerts = await new AlertHarness(Email(smtp, ("Alerts:SmtpUser", "alerts"), (AlertsOptions.SmtpPasswordVariable, "pa55-w0rd"))).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        await Eventually.UntilAsync(() => smtp.Received.Count == 1, "the e-mail");
        Assert.Equal("alerts", smtp.Received[0].User);
    }

    [Fact]
    public async Task Refused_credentials_fail_at_once_as_authentication_refused_and_the_password_is_never_logged()
    {
        await using var smtp = FakeSmtpServer.Start(user: "alerts", password: "pa55-w0rd");
        await using var alerts = await new AlertHarness(Email(smtp, ("Alerts:SmtpUser", "alerts"), ("Alerts:SmtpPassword", "wrong-s3cret"))).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        var record = await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Status == AlertStatus.Failed, "the failure record");
        Assert.Equal(1, record.Attempts);
        Assert.StartsWith($"authentication refused by 127.0.0.1:{smtp.Port} for user 'alerts'", record.Error);
        Assert.Contains("535", record.Error);
        Assert.Empty(smtp.Received);
        Assert.DoesNotContain(alerts.Logs.Lines, l => l.Contains("wrong-s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_421_reply_is_retried_after_the_backoff_and_the_alert_is_then_sent()
    {
        await using var smtp = FakeSmtpServer.Start();
        smtp.Enqueue(FakeSmtpServer.Reply(421, "4.3.2 Try again later"), FakeSmtpServer.Reply(421, "4.3.2 Try again later"));
        await using var alerts = await new AlertHarness(Email(smtp)).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        var first = await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Attempts == 1, "the first failed attempt");
        Assert.Equal(AlertStatus.Pending, first.Status);
        Assert.Contains("replied 421 4.3.2 Try again later", first.Error);
        alerts.Time.Advance(TimeSpan.FromSeconds(10));
        await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Attempts == 2, "the second failed attempt");
        Assert.Equal(2, smtp.DataAttempts);
        alerts.Time.Advance(TimeSpan.FromSeconds(19));
        await Eventually.SettleAsync();
        Assert.Equal(2, smtp.DataAttempts); // the second wait is twice the first: 20 s
        alerts.Time.Advance(TimeSpan.FromSeconds(1));
        var sent = await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Status == AlertStatus.Sent, "the alert sent on the third attempt");
        Assert.Equal((3, (string?)null), (sent.Attempts, sent.Error));
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task Connection_refused_is_retried_until_the_last_attempt_then_recorded_failed_with_that_error()
    {
        var port = FakeSmtpServer.FreePort(); // nothing listens there
        await using var alerts = await new AlertHarness(new Dictionary<string, string?>
        {
            ["Alerts:EmailEnabled"] = "true", ["Alerts:SmtpHost"] = "127.0.0.1", ["Alerts:SmtpPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["Alerts:To"] = "trader@example.com",
        }).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Attempts == 1, "the first attempt");
        alerts.Time.Advance(TimeSpan.FromSeconds(10));
        await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Attempts == 2, "the second attempt");
        alerts.Time.Advance(TimeSpan.FromSeconds(20));
        var failed = await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Status == AlertStatus.Failed, "the failure record");
        Assert.Equal((3, $"connection refused by 127.0.0.1:{port}"), (failed.Attempts, failed.Error));
    }

    [Fact]
    public async Task Tls_on_connect_to_a_plain_server_is_reported_as_a_tls_mismatch()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var alerts = await new AlertHarness(Email(smtp, ("Alerts:SmtpSecurity", "SslOnConnect"))).StartAsync();

        var result = await alerts.Manager.SendTestAsync(AlertChannelKind.Email, CancellationToken.None);

        Assert.Equal(AlertStatus.Failed, result.Status);
        Assert.StartsWith($"TLS mismatch with 127.0.0.1:{smtp.Port} (Alerts:SmtpSecurity is SslOnConnect)", result.Error);
    }

    [Fact]
    public async Task Required_starttls_on_a_server_without_it_is_reported_as_a_tls_mismatch()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var alerts = await new AlertHarness(Email(smtp, ("Alerts:SmtpSecurity", "StartTls"))).StartAsync();

        var result = await alerts.Manager.SendTestAsync(AlertChannelKind.Email, CancellationToken.None);

        Assert.Equal(AlertStatus.Failed, result.Status);
        Assert.StartsWith($"TLS mismatch with 127.0.0.1:{smtp.Port}: Alerts:SmtpSecurity is StartTls but the server does not offer STARTTLS", result.Error);
    }

    [Fact]
    public async Task Without_a_server_or_recipients_the_test_alert_names_the_missing_setting()
    {
        await using var noHost = await new AlertHarness(new Dictionary<string, string?> { ["Alerts:To"] = "trader@example.com" }).StartAsync();
        await using var noRecipient = await new AlertHarness(new Dictionary<string, string?> { ["Alerts:SmtpHost"] = "127.0.0.1" }).StartAsync();

        var withoutHost = await noHost.Manager.SendTestAsync(AlertChannelKind.Email, CancellationToken.None);
        var withoutRecipient = await noRecipient.Manager.SendTestAsync(AlertChannelKind.Email, CancellationToken.None);

        Assert.Equal((AlertStatus.Failed, "no SMTP server is set (Alerts:SmtpHost)"), (withoutHost.Status, withoutHost.Error));
        Assert.Equal((AlertStatus.Failed, "no recipient is set (Alerts:To)"), (withoutRecipient.Status, withoutRecipient.Error));
    }
}
