using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Which alerts are sent, over which channels, and from which thresholds. Bound from the <c>Alerts</c> section and edited on the
/// settings page. Settings only for now: sending (SMTP through MailKit, a Slack webhook) arrives with a later issue, which will
/// read these values from <c>IOptionsMonitor&lt;AlertsOptions&gt;</c>. <see cref="SmtpPassword"/> and <see cref="SlackWebhookUrl"/>
/// are secrets: stored encrypted, never returned by the API, never logged.
/// </summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    public bool EmailEnabled { get; set; }

    public bool SlackEnabled { get; set; }

    /// <summary>SMTP server host name; required when <see cref="EmailEnabled"/>.</summary>
    [MaxLength(255)] public string SmtpHost { get; set; } = "";

    [Range(1, 65_535)] public int SmtpPort { get; set; } = 587;

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

    /// <summary>Fill alerts only for orders worth at least this much, in account currency (0 = every fill).</summary>
    [Range(typeof(decimal), "0", "1000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] public decimal MinOrderValue { get; set; }
}
