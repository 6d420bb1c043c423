using System.Text.Json.Nodes;
using WawaTrader.Core.Alerts;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>Slack alerts against a webhook receiver on loopback (Kestrel), through the real HTTP client and pipeline.</summary>
public sealed class SlackAlertTests
{
    private const string Secret = "s3cr3tT0kenInTheUrl";

    private static Dictionary<string, string?> Slack(string url, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Alerts:SlackEnabled"] = "true", [AlertsOptions.SlackWebhookUrlVariable] = url };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    [Fact]
    public async Task Trade_alert_posts_a_text_fallback_and_header_section_fields_and_context_blocks()
    {
        await using var slack = await FakeSlackWebhook.StartAsync();
        await using var alerts = await new AlertHarness(Slack(slack.Url, ("Alerts:BaseUrl", "https://trader.example.com/"))).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        await Eventually.UntilAsync(() => slack.Received.Count == 1, "the Slack message");
        var message = slack.Received[0];
        Assert.Equal("[WawaTrader] Trade: BUY 12 NVDA @ 131.20", (string?)message["text"]);
        var blocks = message["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "context"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("Trade: BUY 12 NVDA @ 131.20", (string?)blocks[0]!["text"]!["text"]);
        Assert.Equal("plain_text", (string?)blocks[0]!["text"]!["type"]);
        var fields = blocks[1]!["fields"]!.AsArray().Select(f => (string?)f!["text"]).ToList();
        Assert.Contains("*Price*\n131.20", fields);
        Assert.Contains("*Reasoning*\nRSI turned up from 28 with MACD crossing above its signal &lt;&amp;&gt; volume 1.4x average.", fields);
        var context = (string?)blocks[2]!["elements"]![0]!["text"];
        Assert.EndsWith($"<https://trader.example.com/decisions/{Alerts.DecisionId}|Open the decision>", context);
        Assert.Equal(AlertStatus.Sent, (await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Status != AlertStatus.Pending, "the record")).Status);
    }

    [Fact]
    public async Task A_webhook_that_does_not_exist_fails_at_once_as_not_found()
    {
        await using var slack = await FakeSlackWebhook.StartAsync();
        await using var alerts = await new AlertHarness(Slack(slack.BaseUrl + "/services/T0000TEST/B0000TEST/revoked")).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        var failed = await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Status == AlertStatus.Failed, "the failure record");
        Assert.Equal((1, "the Slack webhook was not found: 404 no_service"), (failed.Attempts, failed.Error));
    }

    [Fact]
    public async Task A_500_is_retried_until_the_last_attempt_then_recorded_failed_with_slacks_answer()
    {
        await using var slack = await FakeSlackWebhook.StartAsync();
        slack.Enqueue(new SlackReply(500, "internal_error"), new SlackReply(500, "internal_error"), new SlackReply(500, "internal_error"));
        await using var alerts = await new AlertHarness(Slack(slack.Url)).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Attempts == 1, "the first attempt");
        alerts.Time.Advance(TimeSpan.FromSeconds(10));
        await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Attempts == 2, "the second attempt");
        alerts.Time.Advance(TimeSpan.FromSeconds(20));
        var failed = await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Status == AlertStatus.Failed, "the failure record");
        Assert.Equal((3, "Slack refused the alert: 500 internal_error"), (failed.Attempts, failed.Error));
        Assert.Equal(3, slack.Posts);
    }

    [Fact]
    public async Task A_slow_webhook_times_out_the_attempt_and_the_retry_delivers()
    {
        await using var slack = await FakeSlackWebhook.StartAsync();
        slack.Hold();
        await using var alerts = await new AlertHarness(Slack(slack.Url)).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));

        await Eventually.UntilAsync(() => slack.Posts == 1, "the first post");
        alerts.Time.Advance(TimeSpan.FromSeconds(5)); // Alerts:SendTimeout
        var timedOut = await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Attempts == 1, "the timed-out attempt");
        Assert.Equal("no answer within 5 s (timed out)", timedOut.Error);
        slack.Release();
        alerts.Time.Advance(TimeSpan.FromSeconds(10));
        var sent = await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Status == AlertStatus.Sent, "the retry sent");
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task Connection_refused_is_named_with_the_host_only()
    {
        await using var alerts = await new AlertHarness(Slack($"http://127.0.0.1:{FakeSmtpServer.FreePort()}/services/T0/B0/{Secret}", ("Alerts:MaxAttempts", "1"))).StartAsync();

        var result = await alerts.Manager.SendTestAsync(AlertChannelKind.Slack, CancellationToken.None);

        Assert.Equal(AlertStatus.Failed, result.Status);
        Assert.StartsWith("connection refused by the Slack webhook's host 127.0.0.1:", result.Error);
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_url_never_reaches_a_log_line_sent_or_failed()
    {
        await using var slack = await FakeSlackWebhook.StartAsync();
        slack.Enqueue(new SlackReply(429, "rate_limited", RetryAfterSeconds: 0), new SlackReply(500, "internal_error"));
        await using var alerts = await new AlertHarness(Slack(slack.Url)).StartAsync();

        alerts.Manager.Publish(Alerts.Trade(alerts.Time.GetUtcNow().UtcDateTime));
        // The pipeline retries Slack's 429 after its Retry-After (0 s here), within the first attempt; the 500 then fails that attempt.
        await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Attempts == 1, "the failed first attempt");
        Assert.Equal(2, slack.Posts);
        alerts.Time.Advance(TimeSpan.FromSeconds(10));
        await alerts.OneRecordAsync(AlertChannelKind.Slack, r => r.Status == AlertStatus.Sent, "the retry sent");

        Assert.NotEmpty(alerts.Logs.Lines);
        Assert.Contains(alerts.Logs.Lines, l => l.Contains("Posting an alert to the Slack webhook at 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(alerts.Logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Header_is_cut_to_slacks_150_characters_and_fields_to_ten()
    {
        var fields = Enumerable.Range(1, 12).Select(i => new AlertField($"F{i}", "v")).ToList();
        var alert = new Alert(AlertType.DatabaseFailure, AlertSeverity.Critical, new string('x', 300), "body", fields, AlertHarness.Start.UtcDateTime);

        var blocks = AlertFormatter.Slack(alert, null)["blocks"]!.AsArray();

        Assert.Equal(150, ((string?)blocks[0]!["text"]!["text"])!.Length);
        Assert.Equal(10, blocks[1]!["fields"]!.AsArray().Count);
    }
}
