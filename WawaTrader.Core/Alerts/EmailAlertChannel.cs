using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// E-mail over SMTP with MailKit: one connection per alert (alerts are rare; a kept connection would go stale), secured as
/// <see cref="AlertsOptions.SmtpSecurity"/> says, authenticated when <see cref="AlertsOptions.SmtpUser"/> is set, a
/// multipart/alternative message (plain text and HTML) to every address of <see cref="AlertsOptions.To"/>. Failures come back as
/// <see cref="AlertDeliveryException"/> naming what went wrong (authentication refused, connection refused, TLS mismatch, the
/// server's reply with its code); refused credentials and TLS mismatches are permanent. The password never reaches a message.
/// </summary>
public sealed class EmailAlertChannel(IOptionsMonitor<AlertsOptions> options) : IAlertChannel
{
    public AlertChannelKind Kind => AlertChannelKind.Email;

    public bool IsEnabled => options.CurrentValue.EmailEnabled;

    public bool Routes(AlertType type) => AlertTypes.ParseRoute(options.CurrentValue.EmailTypes, out _)?.Contains(type) ?? true;

    public async Task SendAsync(Alert alert, Uri? link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var o = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(o.SmtpHost)) throw new AlertDeliveryException("no SMTP server is set (Alerts:SmtpHost)", permanent: true);
        if (string.IsNullOrWhiteSpace(o.To)) throw new AlertDeliveryException("no recipient is set (Alerts:To)", permanent: true);
        MimeMessage message;
        try { message = Compose(alert, link, o); }
        catch (ParseException ex) { throw new AlertDeliveryException($"an address in Alerts:From or Alerts:To cannot be read: {ex.Message}", ex, permanent: true); }
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, o.SendTimeout.TotalMilliseconds) };
        try
        {
            await client.ConnectAsync(o.SmtpHost, o.SmtpPort, Security(o.SmtpSecurity), cancellationToken);
            if (!string.IsNullOrEmpty(o.SmtpUser)) await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (Describe(ex, o) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The message: subject, sender, recipients, plain text with an HTML alternative.</summary>
    internal static MimeMessage Compose(Alert alert, Uri? link, AlertsOptions o)
    {
        var message = new MimeMessage { Subject = alert.Subject };
        message.From.Add(MailboxAddress.Parse(o.From));
        foreach (var to in o.To.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("X-WawaTrader-Alert", alert.Type.ToString());
        message.Body = new BodyBuilder { TextBody = AlertFormatter.PlainText(alert, link), HtmlBody = AlertFormatter.Html(alert, link) }.ToMessageBody();
        return message;
    }

    internal static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>The failure as a user reads it, or null for a cancellation (the caller's timeout or shutdown decides what it means).</summary>
    private static AlertDeliveryException? Describe(Exception ex, AlertsOptions o)
    {
        var server = $"{o.SmtpHost}:{o.SmtpPort}";
        return ex switch
        {
            OperationCanceledException => null,
            AuthenticationException => new AlertDeliveryException($"authentication refused by {server} for user '{o.SmtpUser}': {ex.Message}", ex, permanent: true),
            SslHandshakeException => new AlertDeliveryException($"TLS mismatch with {server} (Alerts:SmtpSecurity is {o.SmtpSecurity}): the TLS handshake failed: {ex.Message}", ex, permanent: true),
            NotSupportedException when ex.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) =>
                new AlertDeliveryException($"TLS mismatch with {server}: Alerts:SmtpSecurity is StartTls but the server does not offer STARTTLS", ex, permanent: true),
            NotSupportedException when ex.Message.Contains("authentication", StringComparison.OrdinalIgnoreCase) =>
                new AlertDeliveryException($"authentication refused: {server} does not offer authentication (Alerts:SmtpUser is set)", ex, permanent: true),
            SmtpCommandException c => new AlertDeliveryException($"{server} replied {(int)c.StatusCode} {c.Message.Trim()} ({c.ErrorCode})", ex, permanent: (int)c.StatusCode is >= 500 and < 600),
            SmtpProtocolException => new AlertDeliveryException($"SMTP protocol error with {server}: {ex.Message}", ex),
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => new AlertDeliveryException($"connection refused by {server}", ex),
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => new AlertDeliveryException($"host not found: {o.SmtpHost}", ex),
            SocketException s => new AlertDeliveryException($"network error with {server}: {s.SocketErrorCode}: {ex.Message}", ex),
            ServiceNotConnectedException or IOException => new AlertDeliveryException($"connection to {server} lost: {ex.Message}", ex),
            _ => new AlertDeliveryException($"{ex.GetType().Name} from {server}: {ex.Message}", ex),
        };
    }
}
