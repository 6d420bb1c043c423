using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Alerts;
using WawaTrader.Core.Analysis;
using WawaTrader.Tests.Core.Trading;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Alerts;

/// <summary>The sender's promises: storms grouped, duplicates dropped, and a silent server never holds up the engine or the other channel.</summary>
public sealed class AlertManagerTests
{
    private static Dictionary<string, string?> Both(FakeSmtpServer smtp, FakeSlackWebhook slack) => new()
    {
        ["Alerts:EmailEnabled"] = "true",
        ["Alerts:SmtpHost"] = "127.0.0.1",
        ["Alerts:SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Alerts:SmtpSecurity"] = "None",
        ["Alerts:To"] = "trader@example.com",
        ["Alerts:SlackEnabled"] = "true",
        [AlertsOptions.SlackWebhookUrlVariable] = slack.Url,
    };

    [Fact]
    public async Task Two_hundred_rejections_in_a_minute_become_the_first_and_one_grouped_message_with_the_count()
    {
        await using var slack = await FakeSlackWebhook.StartAsync();
        await using var alerts = await new AlertHarness(new Dictionary<string, string?> { ["Alerts:SlackEnabled"] = "true", [AlertsOptions.SlackWebhookUrlVariable] = slack.Url }).StartAsync();
        var start = alerts.Time.GetUtcNow().UtcDateTime;

        // 200 refusals (each of its own decision), half of them NVDA's, within 50 seconds.
        for (var i = 0; i < 200; i++)
            alerts.Manager.Publish(Alerts.Rejection(i % 2 == 0 ? $"S{i:000}" : "NVDA", start.AddMilliseconds(i * 250)) with { ConditionKey = $"decision-{i}" });

        await Eventually.UntilAsync(() => slack.Received.Count == 1, "the first rejection");
        await Eventually.SettleAsync();
        Assert.Single(slack.Received);
        alerts.Time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.UntilAsync(() => slack.Received.Count == 2, "the grouped message");
        Assert.Equal("[WawaTrader] Order rejected: 199 more in 1 min", (string?)slack.Received[1]["text"]);
        var fields = slack.Received[1]["blocks"]![1]!["fields"]!.AsArray().Select(f => (string?)f!["text"]).ToList();
        Assert.Contains("*Count*\n199", fields);
        Assert.Contains("*Example 1*\nBUY NVDA stopped by Exposure (×100)", fields);
        await Eventually.UntilAsync(() => alerts.RecordsAsync(AlertChannelKind.Slack).GetAwaiter().GetResult().All(r => r.Status == AlertStatus.Sent), "both records sent");
        var records = await alerts.RecordsAsync(AlertChannelKind.Slack);
        Assert.Equal([1, 199], records.Select(r => r.Count));
    }

    [Fact]
    public async Task Each_channel_gets_only_the_alert_types_routed_to_it()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var slack = await FakeSlackWebhook.StartAsync();
        var settings = Both(smtp, slack);
        settings["Alerts:EmailTypes"] = "DailySummary, ModelOffline";
        await using var alerts = await new AlertHarness(settings).StartAsync();
        var now = alerts.Time.GetUtcNow().UtcDateTime;

        alerts.Manager.Publish(Alerts.Trade(now));
        alerts.Manager.Publish(AlertBuilders.ModelOffline("Offline", "connection refused", now));

        await Eventually.UntilAsync(() => slack.Received.Count == 2 && smtp.Received.Count == 1, "the routed alerts");
        await Eventually.SettleAsync();
        Assert.Equal("[WawaTrader] Model offline: the model is Offline", Assert.Single(smtp.Received).Message.Subject);
        Assert.Equal(2, slack.Received.Count);
    }

    [Fact]
    public async Task The_same_condition_alerts_once_per_dedup_period()
    {
        await using var alerts = await new AlertHarness(new Dictionary<string, string?> { ["Alerts:DedupMinutes"] = "15" }).StartAsync();
        var accepted = new ConcurrentQueue<Alert>();
        alerts.Manager.Accepted += (a, _) => accepted.Enqueue(a);
        var start = alerts.Time.GetUtcNow().UtcDateTime;

        alerts.Manager.Publish(Alerts.Rejection("NVDA", start));
        alerts.Manager.Publish(Alerts.Rejection("NVDA", start.AddMinutes(14)));
        alerts.Manager.Publish(Alerts.Rejection("NVDA", start.AddMinutes(15)));

        Assert.Equal([start, start.AddMinutes(15)], accepted.Select(a => a.Time));
    }

    [Fact]
    public async Task A_dependency_that_fails_again_within_the_dedup_period_alerts_again_so_the_last_alert_tells_its_state()
    {
        await using var alerts = await new AlertHarness(new Dictionary<string, string?> { ["Alerts:DedupMinutes"] = "15" }).StartAsync();
        var accepted = new ConcurrentQueue<Alert>();
        alerts.Manager.Accepted += (a, _) => accepted.Enqueue(a);
        var start = alerts.Time.GetUtcNow().UtcDateTime;

        alerts.Manager.Publish(AlertBuilders.BrokerOffline("Alpaca", "connection refused", start));
        alerts.Manager.Publish(AlertBuilders.BrokerRecovered("Alpaca", start.AddMinutes(2)));
        alerts.Manager.Publish(AlertBuilders.BrokerOffline("Alpaca", "connection refused", start.AddMinutes(4)));

        Assert.Equal([AlertType.BrokerOffline, AlertType.BrokerRecovered, AlertType.BrokerOffline], accepted.Select(a => a.Type));
    }

    [Fact]
    public async Task A_silent_smtp_server_holds_up_neither_the_trading_cycle_nor_slack()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var slack = await FakeSlackWebhook.StartAsync();
        smtp.Hold();
        var analyst = new ScriptedAnalyst().Propose("AAPL", TradeAction.Buy, 90).Propose("MSFT", TradeAction.Buy, 90);
        var h = new CycleHarness(analyst, "AAPL", "MSFT");
        h.ServeHistory("AAPL", 100);
        h.ServeHistory("MSFT", 50);
        var settings = Both(smtp, slack);
        settings["Alerts:SendTimeout"] = "00:10:00";
        await using var alerts = await new AlertHarness(settings, h.Time).StartAsync();
        var sources = new AlertSources(h.Hub, alerts.Manager, h.Broker, alerts.Get<IOptionsMonitor<AlertsOptions>>(), h.Risk, h.Time,
            NullLogger<AlertSources>.Instance);
        await sources.StartAsync(CancellationToken.None);

        // A minute of decisions at one cycle a second while the SMTP server answers nothing.
        for (var second = 0; second < 60; second++)
        {
            h.Market.PublishNext("AAPL", 100, 100.1);
            h.Market.PublishNext("MSFT", 50, 50.05);
            await h.RunAsync().WaitAsync(TimeSpan.FromSeconds(15));
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(120, (await h.DecisionsAsync()).Count);
        await Eventually.UntilAsync(() => slack.Received.Any(m => ((string?)m["text"])!.StartsWith("[WawaTrader] Trade: BUY", StringComparison.Ordinal)), "a trade alert on Slack");
        await Eventually.UntilAsync(() => smtp.DataAttempts == 1, "the first e-mail held at DATA");
        await Eventually.SettleAsync();
        Assert.Equal(1, smtp.DataAttempts); // the e-mail sender waits on its one silent server; nothing else does
        Assert.Empty(smtp.Received);

        smtp.Release();
        await Eventually.UntilAsync(() => alerts.RecordsAsync(AlertChannelKind.Email).GetAwaiter().GetResult() is { Count: > 1 } r && r.All(x => x.Status == AlertStatus.Sent),
            "every queued e-mail sent once the server answers");
        var emails = await alerts.RecordsAsync(AlertChannelKind.Email);
        Assert.Equal(emails.Count, smtp.Received.Count);
        Assert.StartsWith("[WawaTrader] Trade: BUY", smtp.Received[0].Message.Subject);
        await sources.StopAsync(CancellationToken.None);
    }
}
