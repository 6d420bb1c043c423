using WawaTrader.Core.Configuration;
using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Which alerts are sent, over which channels, and from which thresholds. Bound from the <c>Alerts</c> section and edited on the
/// settings page; read live by <see cref="AlertManager"/> and the channels. <see cref="SmtpPassword"/> and <see cref="SlackWebhookUrl"/>
/// are secrets: stored encrypted, never returned by the API, never logged; when not saved they come from the environment variables
/// <see cref="SmtpPasswordVariable"/> and <see cref="SlackWebhookUrlVariable"/> (a saved value wins, as for the model's key).
/// </summary>
[Applies(SettingApplies.NextAlert)]
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>The environment variable (configuration key) the SMTP password is read from when none is saved.</summary>
    public const string SmtpPasswordVariable = "WAWATRADER_SMTP_PASSWORD";

    /// <summary>The environment variable (configuration key) the Slack webhook URL is read from when none is saved.</summary>
    public const string SlackWebhookUrlVariable = "WAWATRADER_SLACK_WEBHOOK_URL";

    [Display(Name = "Send alerts by e-mail", ShortName = "E-mail alerts",
        Description = "Send the chosen alerts over SMTP; needs the SMTP server, sender and recipients.")]
    [Unit(Units.None)]
    public bool EmailEnabled { get; set; }

    [Display(Name = "Send alerts to Slack", ShortName = "Slack alerts",
        Description = "Send the chosen alerts to a Slack incoming webhook; needs the webhook URL.")]
    [Unit(Units.None)]
    public bool SlackEnabled { get; set; }

    /// <summary>SMTP server host name; required when <see cref="EmailEnabled"/>.</summary>
    [Display(Name = "SMTP server", ShortName = "SMTP server",
        Description = "Host name of the mail server; required for e-mail alerts.")]
    [Unit(Units.None)]
    [MaxLength(255)] public string SmtpHost { get; set; } = "";

    [Display(Name = "SMTP port",
        Description = "Port of the mail server (587 STARTTLS, 465 TLS on connect, 25 plain).")]
    [Unit(Units.None)]
    [Range(1, 65_535)] public int SmtpPort { get; set; } = 587;

    /// <summary>How the SMTP connection is secured: <c>Auto</c> (TLS on connect for port 465, STARTTLS when the server offers it),
    /// <c>None</c>, <c>StartTls</c> (required) or <c>SslOnConnect</c>.</summary>
    [Display(Name = "SMTP connection security", ShortName = "SMTP security",
        Description = "Auto (TLS on port 465, STARTTLS when offered), None, StartTls (required) or SslOnConnect.")]
    [Unit(Units.None)]
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.Auto;

    /// <summary>SMTP user name; empty sends without authentication.</summary>
    [Display(Name = "SMTP user name", ShortName = "SMTP user",
        Description = "User name for the mail server; empty sends without signing in.")]
    [Unit(Units.None)]
    public string SmtpUser { get; set; } = "";

    /// <summary>Secret (write-only).</summary>
    [Display(Name = "SMTP password",
        Description = "Password for the mail server; stored encrypted, never shown (or WAWATRADER_SMTP_PASSWORD).")]
    [Unit(Units.None)]
    public string SmtpPassword { get; set; } = "";

    /// <summary>Sender address; required when <see cref="EmailEnabled"/>.</summary>
    [Display(Name = "Sender address", ShortName = "Sender",
        Description = "The From address of alert e-mails.")]
    [Unit(Units.None)]
    [EmailAddress] public string From { get; set; } = "wawatrader@localhost";

    /// <summary>Recipient addresses, comma-separated; required when <see cref="EmailEnabled"/>.</summary>
    [Display(Name = "Recipient addresses", ShortName = "Recipients",
        Description = "Who receives alert e-mails, comma-separated; required for e-mail alerts.")]
    [Unit(Units.None)]
    public string To { get; set; } = "";

    /// <summary>Secret (write-only): the Slack incoming-webhook URL; required when <see cref="SlackEnabled"/>.</summary>
    [Display(Name = "Slack webhook URL", ShortName = "Slack webhook",
        Description = "The incoming-webhook URL alerts are posted to; stored encrypted, never shown (or WAWATRADER_SLACK_WEBHOOK_URL).")]
    [Unit(Units.None)]
    public string SlackWebhookUrl { get; set; } = "";

    /// <summary>Alert when an order fills.</summary>
    [Display(Name = "Alert on a filled order", ShortName = "Order filled alert",
        Description = "Send an alert when an order fills (see the smallest order value).")]
    [Unit(Units.None)]
    public bool OrderFilled { get; set; } = true;

    /// <summary>Alert when the broker or the risk manager rejects an order.</summary>
    [Display(Name = "Alert on a rejected order", ShortName = "Order rejected alert",
        Description = "Send an alert when the broker or the risk manager refuses an order.")]
    [Unit(Units.None)]
    public bool OrderRejected { get; set; } = true;

    /// <summary>Alert when the agent halts (repeated failed cycles, kill switch).</summary>
    [Display(Name = "Alert when the agent halts", ShortName = "Agent halted alert",
        Description = "Send an alert when the agent halts (repeated failed cycles, kill switch).")]
    [Unit(Units.None)]
    public bool AgentHalted { get; set; } = true;

    /// <summary>Alert when the daily loss limit (<c>Risk:MaxDailyLossPct</c>) is reached.</summary>
    [Display(Name = "Alert at the daily loss limit", ShortName = "Daily loss alert",
        Description = "Send an alert when the largest daily loss is reached.")]
    [Unit(Units.None)]
    public bool DailyLossLimit { get; set; } = true;

    /// <summary>Alert when the model server stops answering (the agent falls back to technical analysis).</summary>
    [Display(Name = "Alert when the model is offline", ShortName = "Model offline alert",
        Description = "Send an alert when the model server stops answering (the rules then decide alone).")]
    [Unit(Units.None)]
    public bool ModelOffline { get; set; } = true;

    /// <summary>Alert when the broker stops answering, and again when it is back.</summary>
    [Display(Name = "Alert when the broker is offline", ShortName = "Broker offline alert",
        Description = "Send an alert when the broker stops answering, and again when it is back.")]
    [Unit(Units.None)]
    public bool BrokerOffline { get; set; } = true;

    /// <summary>Alert when a database write fails.</summary>
    [Display(Name = "Alert on a database failure", ShortName = "Database failure alert",
        Description = "Send an alert when a database write fails.")]
    [Unit(Units.None)]
    public bool DatabaseFailure { get; set; } = true;

    /// <summary>Alert when the day's P&amp;L moves beyond <see cref="PnlChangePct"/>.</summary>
    [Display(Name = "Alert on a large day P&L move", ShortName = "P&L move alert",
        Description = "Send an alert when the day's P&L moves beyond the P&L threshold, either way.")]
    [Unit(Units.None)]
    public bool PnlChange { get; set; } = true;

    /// <summary>Send the daily summary at the New York close (16:00 New York time, Monday to Friday).</summary>
    [Display(Name = "Send the daily summary", ShortName = "Daily summary",
        Description = "Send a summary at the New York close (16:00, Monday to Friday).")]
    [Unit(Units.None)]
    public bool DailySummary { get; set; } = true;

    /// <summary>Day P&amp;L, in percent of the day's starting equity, beyond which (either way) one alert is sent per direction per day.</summary>
    [Display(Name = "P&L alert threshold, % of the day's starting equity", ShortName = "P&L alert threshold",
        Description = "Day P&L beyond this (either way) sends one alert per direction per day.")]
    [Unit(Units.Percent)]
    [Range(0.1, 100)] public double PnlChangePct { get; set; } = 3;

    /// <summary>The same condition (same alert type and subject of it, e.g. one symbol refused by one rule) alerts at most once
    /// in this many minutes.</summary>
    [Display(Name = "Quiet time for a repeated alert", ShortName = "Repeat quiet time",
        Description = "The same condition alerts at most once in this many minutes (0 = every time).")]
    [Unit(Units.Minutes)]
    [Range(0, 1440)] public int DedupMinutes { get; set; } = 15;

    /// <summary>Alerts of one type past the first within <see cref="GroupWindow"/> are held and sent as one grouped message with their count.</summary>
    [Display(Name = "Grouping window", ShortName = "Grouping window",
        Description = "Alerts of one type past the first within this time are sent together as one message with their count.")]
    [Unit(Units.Seconds)]
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts per alert and channel before it is marked failed (1 = no retry).</summary>
    [Display(Name = "Delivery attempts per alert", ShortName = "Delivery attempts",
        Description = "Attempts per alert and channel before it is marked failed (1 = no retry).")]
    [Unit(Units.Attempts)]
    [Range(1, 10)] public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; doubled before each next one (capped at 5 minutes).</summary>
    [Display(Name = "First retry delay", ShortName = "Alert retry delay",
        Description = "Wait before the first retry of a failed delivery; doubled before each next one (at most 5 minutes).")]
    [Unit(Units.Seconds)]
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one delivery attempt (connect, authenticate, send).</summary>
    [Display(Name = "Time allowed per delivery", ShortName = "Alert send timeout",
        Description = "Time one delivery attempt may take (connect, sign in, send).")]
    [Unit(Units.Seconds)]
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Alert types sent by e-mail: comma-separated <see cref="AlertType"/> names, or <c>*</c> for all.</summary>
    [Display(Name = "Alert types sent by e-mail", ShortName = "E-mail alert types",
        Description = "Comma-separated alert types (OrderFilled, AgentHalted, ...), or * for all.")]
    [Unit(Units.None)]
    public string EmailTypes { get; set; } = "*";

    /// <summary>Alert types sent to Slack: comma-separated <see cref="AlertType"/> names, or <c>*</c> for all.</summary>
    [Display(Name = "Alert types sent to Slack", ShortName = "Slack alert types",
        Description = "Comma-separated alert types (OrderFilled, AgentHalted, ...), or * for all.")]
    [Unit(Units.None)]
    public string SlackTypes { get; set; } = "*";

    /// <summary>The app's address as a reader reaches it (e.g. <c>https://trader.example.com</c>); when set, alerts link to the decision's page.</summary>
    [Display(Name = "Address of this app", ShortName = "App address",
        Description = "The app's address as a reader reaches it (https://trader.example.com); when set, alerts link to the decision.")]
    [Unit(Units.None)]
    [MaxLength(500)] public string BaseUrl { get; set; } = "";

    /// <summary>Fill alerts only for orders worth at least this much, in account currency (0 = every fill).</summary>
    [Display(Name = "Smallest order value to alert on", ShortName = "Smallest alerted fill",
        Description = "Fill alerts only for orders worth at least this much (0 = every fill).")]
    [Unit(Units.Dollars)]
    [Range(typeof(decimal), "0", "1000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal MinOrderValue { get; set; }
}

/// <summary>How the SMTP connection is secured (MailKit's <c>SecureSocketOptions</c>, named for a settings page).</summary>
public enum SmtpSecurity { Auto, None, StartTls, SslOnConnect }
