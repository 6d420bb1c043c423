using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Slack through an incoming webhook: the <see cref="AlertFormatter.Slack"/> JSON posted with the <see cref="HttpClientName"/>
/// client (its pipeline retries a 429 after Slack's <c>Retry-After</c>; HttpClient's own request logging is removed, because the
/// webhook URL is the secret). Failures come back as <see cref="AlertDeliveryException"/>: Slack's status and error text
/// ("404 no_service": the webhook does not exist), connection refused, host not found. A 4xx other than 408/429 is permanent.
/// Only the webhook's host is ever logged or shown.
/// </summary>
public sealed class SlackAlertChannel(IHttpClientFactory httpClients, IOptionsMonitor<AlertsOptions> options, ILogger<SlackAlertChannel> logger) : IAlertChannel
{
    public const string HttpClientName = "alerts-slack";

    public AlertChannelKind Kind => AlertChannelKind.Slack;

    public bool IsEnabled => options.CurrentValue.SlackEnabled;

    public bool Routes(AlertType type) => AlertTypes.ParseRoute(options.CurrentValue.SlackTypes, out _)?.Contains(type) ?? true;

    public async Task SendAsync(Alert alert, Uri? link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!Uri.TryCreate(options.CurrentValue.SlackWebhookUrl, UriKind.Absolute, out var webhook))
            throw new AlertDeliveryException("no Slack webhook URL is set (Alerts:SlackWebhookUrl or WAWATRADER_SLACK_WEBHOOK_URL)", permanent: true);
        var host = $"{webhook.Host}:{webhook.Port}";
        Log.PostingToSlack(logger, host);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).PostAsJsonAsync(webhook, AlertFormatter.Slack(alert, link), cancellationToken);
        }
        catch (HttpRequestException ex) when (FindSocketError(ex) is { } socket)
        {
            throw socket switch
            {
                SocketError.ConnectionRefused => new AlertDeliveryException($"connection refused by the Slack webhook's host {host}", ex),
                SocketError.HostNotFound or SocketError.NoData => new AlertDeliveryException($"host not found: {webhook.Host}", ex),
                _ => new AlertDeliveryException($"network error with the Slack webhook's host {host}: {socket}", ex),
            };
        }
        catch (HttpRequestException ex)
        {
            // The message of HttpClient's exceptions names no URL; TLS failures land here too.
            throw new AlertDeliveryException($"could not reach the Slack webhook's host {host}: {ex.Message}", ex);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var what = response.StatusCode == HttpStatusCode.NotFound ? "the Slack webhook was not found" : "Slack refused the alert";
            throw new AlertDeliveryException($"{what}: {status} {Short(text)}".TrimEnd(), permanent: status is >= 400 and < 500 and not 408 and not 429);
        }
    }

    private static SocketError? FindSocketError(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
            if (e is SocketException s) return s.SocketErrorCode;
        return null;
    }

    private static string Short(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 199), "…");
    }
}
