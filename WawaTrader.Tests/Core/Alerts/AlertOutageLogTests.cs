using System.Globalization;
using WawaTrader.Core.Alerts;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>What the log shows while a channel refuses alerts (the SMTP fake replying 421, the Slack fake 500) and when it takes
/// them again.</summary>
public sealed class AlertOutageLogTests
{
    [Theory]
    [InlineData(AlertChannelKind.Email)]
    [InlineData(AlertChannelKind.Slack)]
    public async Task A_failing_channel_is_logged_once_then_per_minute_with_the_count_then_once_when_it_delivers_again(AlertChannelKind channel)
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var slack = await FakeSlackWebhook.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            smtp.Enqueue(FakeSmtpServer.Reply(421, "4.3.2 Try again later"));
            slack.Enqueue(new SlackReply(500, "internal_error"));
        }
        var settings = new Dictionary<string, string?> { ["Alerts:MaxAttempts"] = "5" };
        if (channel == AlertChannelKind.Email)
        {
            (settings["Alerts:EmailEnabled"], settings["Alerts:SmtpHost"], settings["Alerts:SmtpPort"]) = ("true", "127.0.0.1", smtp.Port.ToString(CultureInfo.InvariantCulture));
            (settings["Alerts:SmtpSecurity"], settings["Alerts:To"]) = ("None", "trader@example.com");
        }
        else (settings["Alerts:SlackEnabled"], settings[AlertsOptions.SlackWebhookUrlVariable]) = ("true", slack.Url);
        await using var alerts = await new AlertHarness(settings).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));
        // Attempts 10, 20, 40 and 80 s apart: the fourth fails 70 s into the outage, the fifth is delivered.
        await alerts.OneRecordAsync(channel, r => r.Attempts == 1, "the first failed attempt");
        foreach (var (wait, attempts) in new[] { (10, 2), (20, 3), (40, 4) })
        {
            alerts.Time.Advance(TimeSpan.FromSeconds(wait));
            await alerts.OneRecordAsync(channel, r => r.Attempts == attempts, $"failed attempt {attempts}");
        }
        alerts.Time.Advance(TimeSpan.FromSeconds(80));
        await alerts.OneRecordAsync(channel, r => r.Status == AlertStatus.Sent, "the alert delivered on the fifth attempt");
        await Trading.Eventually.UntilAsync(() => alerts.Logs.Lines.Any(l => l.Contains("delivered again", StringComparison.Ordinal)), "the recovery line");

        var warnings = alerts.Logs.Lines.Where(l => l.Contains(" Warning: ", StringComparison.Ordinal) || l.Contains(" Error: ", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 2, $"Expected two warnings, got:\n{string.Join("\n", warnings)}");
        Assert.Contains($"Alerts over {channel} fail (", warnings[0]);
        Assert.Contains("still failing: 3 more failed attempts in the last 00:01:00", warnings[1]);
        Assert.All(warnings, l => Assert.DoesNotContain("   at ", l));
        var back = Assert.Single(alerts.Logs.Lines, l => l.Contains("delivered again", StringComparison.Ordinal));
        Assert.Contains($"Alerts over {channel} are delivered again after 00:02:30 (4 failed attempts)", back);
    }
}
