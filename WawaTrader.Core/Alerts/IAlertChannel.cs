namespace WawaTrader.Core.Alerts;

/// <summary>The channels an alert can go over.</summary>
public enum AlertChannelKind { Email, Slack }

/// <summary>
/// The edge to one delivery service (SMTP, a Slack webhook). <see cref="SendAsync"/> delivers one alert or throws the failure as
/// it came (an <see cref="AlertDeliveryException"/> with the exact reason); retries, recording and timeouts belong to
/// <see cref="AlertManager"/>.
/// </summary>
public interface IAlertChannel
{
    AlertChannelKind Kind { get; }

    /// <summary>Whether the channel is switched on (read live from the options).</summary>
    bool IsEnabled { get; }

    /// <summary>Whether alerts of <paramref name="type"/> are routed to this channel.</summary>
    bool Routes(AlertType type);

    /// <summary>Delivers <paramref name="alert"/>; <paramref name="link"/> is the decision's page, or null.</summary>
    Task SendAsync(Alert alert, Uri? link, CancellationToken cancellationToken);
}

/// <summary>A delivery that failed, with the reason a user can act on ("authentication refused (535 ...)", "connection refused").</summary>
public sealed class AlertDeliveryException(string message, Exception? inner = null, bool permanent = false) : Exception(message, inner)
{
    /// <summary>True when retrying cannot help (bad credentials, a webhook that does not exist).</summary>
    public bool Permanent { get; } = permanent;
}
