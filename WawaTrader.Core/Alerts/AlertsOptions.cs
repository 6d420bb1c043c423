using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Which alerts are sent, over which channels, and from which thresholds. Bound from the <c>Alerts</c> section and edited on the
/// settings page; read live by <see cref="AlertManager"/> and the channels. <see cref="SmtpPassword"/> and <see cref="SlackWebhookUrl"/>
/// are secrets: stored encrypted, never returned by the API, never logged; when not saved they come from the environment variables
/// <see cref="SmtpPasswordVariable"/> and <see cref="SlackWebhookUrlVariable"/> (a saved value wins, as for the model's key).
/// </summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>The environment variable (configuration key) the SMTP password is read from when none is saved.</summary>
    public const string SmtpPasswordVariable = "WAWATRADER_SMTP_PASSWORD";

    /// <summary>The environment variable (configuration key) the Slack webhook URL is read from when none is saved.</summary>
    public const string SlackWebhookUrlVariable = "WAWATRADER_SLACK_WEBHOOK_URL";

    public bool EmailEnabled { get; set; }

    public bool SlackEnabled { get; set; }

    /// <summary>SMTP server host name; required when <see cref="EmailEnabled"/>.</summary>
    [MaxLength(255)] public string SmtpHost { get; set; } = "";

    [Range(1, 65_535)] public int SmtpPort { get; set; } = 587;

    /// <summary>How the SMTP connection is secured: <c>Auto</c> (TLS on connect for port 465, STARTTLS when the server offers it),
    /// <c>None</c>, <c>StartTls</c> (required) or <c>SslOnConnect</c>.</summary>
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.Auto;

    /// <summary>SMTP user name; empty sends without authentication.</summary>
    public string SmtpUser { get; set; } = "";

    /// <summary>Secret (write-only).</summary>
    public string SmtpPassword { get; set; } = "";

    /// <summary>Sender address; required when <see cref="EmailEnabled"/>.</summary>
    [EmailAddress] public string From { get; set; } = "wawatrader@localhost";

    /// <summary>Recipient addresses, comma-separated; required when <see cref="EmailEnabled"/>.</summary>
    public string To { get; set; } = "";

    /// <summary>Secret (write-only): the Slack incoming-webhook URL; required when <see cref="SlackEnabled"/>.</summary>
    public string SlackWebhookUrl { get; set; } = "";

    /// <summary>Alert when an order fills.</summary>
    public bool OrderFilled { get; set; } = true;

    /// <summary>Alert when the broker or the risk manager rejects an order.</summary>
    public bool OrderRejected { get; set; } = true;

    /// <summary>Alert when the agent halts (repeated failed cycles, kill switch).</summary>
    public bool AgentHalted { get; set; } = true;

    /// <summary>Alert when the daily loss limit (<c>Risk:MaxDailyLossPct</c>) is reached.</summary>
    public bool DailyLossLimit { get; set; } = true;

    /// <summary>Alert when the model server stops answering (the agent falls back to technical analysis).</summary>
    public bool ModelOffline { get; set; } = true;

    /// <summary>Alert when the broker stops answering, and again when it is back.</summary>
    public bool BrokerOffline { get; set; } = true;

    /// <summary>Alert when a database write fails.</summary>
    public bool DatabaseFailure { get; set; } = true;

    /// <summary>Alert when the day's P&amp;L moves beyond <see cref="PnlChangePct"/>.</summary>
    public bool PnlChange { get; set; } = true;

    /// <summary>Send the daily summary at the New York close (16:00 New York time, Monday to Friday).</summary>
    public bool DailySummary { get; set; } = true;

    /// <summary>Day P&amp;L, in percent of the day's starting equity, beyond which (either way) one alert is sent per direction per day.</summary>
    [Range(0.1, 100)] public double PnlChangePct { get; set; } = 3;

    /// <summary>The same condition (same alert type and subject of it, e.g. one symbol refused by one rule) alerts at most once
    /// in this many minutes.</summary>
    [Range(0, 1440)] public int DedupMinutes { get; set; } = 15;

    /// <summary>Alerts of one type past the first within <see cref="GroupWindow"/> are held and sent as one grouped message with their count.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts per alert and channel before it is marked failed (1 = no retry).</summary>
    [Range(1, 10)] public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; doubled before each next one (capped at 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one delivery attempt (connect, authenticate, send).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Alert types sent by e-mail: comma-separated <see cref="AlertType"/> names, or <c>*</c> for all.</summary>
    public string EmailTypes { get; set; } = "*";

    /// <summary>Alert types sent to Slack: comma-separated <see cref="AlertType"/> names, or <c>*</c> for all.</summary>
    public string SlackTypes { get; set; } = "*";

    /// <summary>The app's address as a reader reaches it (e.g. <c>https://trader.example.com</c>); when set, alerts link to the decision's page.</summary>
    [MaxLength(500)] public string BaseUrl { get; set; } = "";

    /// <summary>Fill alerts only for orders worth at least this much, in account currency (0 = every fill).</summary>
    [Range(typeof(decimal), "0", "1000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal MinOrderValue { get; set; }
}

/// <summary>How the SMTP connection is secured (MailKit's <c>SecureSocketOptions</c>, named for a settings page).</summary>
public enum SmtpSecurity { Auto, None, StartTls, SslOnConnect }
