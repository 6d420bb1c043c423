using System.Globalization;
using WawaTrader.Core.Alerts;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>What the log shows while the SMTP server (the fake, replying 421) refuses alerts, and when it takes them again.</summary>
public sealed class AlertOutageLogTests
{
    [Fact]
    public async Task A_failing_channel_is_logged_once_then_per_minute_with_the_count_then_once_when_it_delivers_again()
    {
        await using var smtp = FakeSmtpServer.Start();
        for (var i = 0; i < 4; i++) smtp.Enqueue(FakeSmtpServer.Reply(421, "4.3.2 Try again later"));
        await using var alerts = await new AlertHarness(new Dictionary<string, string?>
        {
            ["Alerts:EmailEnabled"] = "true", ["Alerts:SmtpHost"] = "127.0.0.1", ["Alerts:SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Alerts:SmtpSecurity"] = "None", ["Alerts:To"] = "trader@example.com", ["Alerts:MaxAttempts"] = "5",
        }).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));
        // Attempts 10, 20, 40 and 80 s apart: the fourth fails 70 s into the outage, the fifth is delivered.
        await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Attempts == 1, "the first failed attempt");
        foreach (var (wait, attempts) in new[] { (10, 2), (20, 3), (40, 4) })
        {
            alerts.Time.Advance(TimeSpan.FromSeconds(wait));
            await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Attempts == attempts, $"failed attempt {attempts}");
        }
        alerts.Time.Advance(TimeSpan.FromSeconds(80));
        await alerts.OneRecordAsync(AlertChannelKind.Email, r => r.Status == AlertStatus.Sent, "the alert delivered on the fifth attempt");
        await Trading.Eventually.UntilAsync(() => alerts.Logs.Lines.Any(l => l.Contains("delivered again", StringComparison.Ordinal)), "the recovery line");

        var warnings = alerts.Logs.Lines.Where(l => l.Contains(" Warning: ", StringComparison.Ordinal) || l.Contains(" Error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("Alerts over Email fail (", warnings[0]);
        Assert.Contains("still failing: 3 more failed attempts in the last 00:01:00", warnings[1]);
        Assert.All(warnings, l => Assert.DoesNotContain("   at ", l));
        var back = Assert.Single(alerts.Logs.Lines, l => l.Contains("delivered again", StringComparison.Ordinal));
        Assert.Contains("Alerts over Email are delivered again after 00:02:30 (4 failed attempts)", back);
    }
}
