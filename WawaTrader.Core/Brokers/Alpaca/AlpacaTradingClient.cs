using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using WawaTrader.Core.Diagnostics;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>An answer of the Trading API: HTTP status, body, and <c>Retry-After</c> when it sent one.</summary>
internal sealed record AlpacaAnswer(int Status, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Alpaca's error body, or an empty one when the body is not JSON.</summary>
    public AlpacaWireError Error
    {
        get
        {
            try
            {
                return JsonSerializer.Deserialize(Body, AlpacaTradingJsonContext.Default.AlpacaWireError) ?? new AlpacaWireError(null, null);
            }
            catch (JsonException)
            {
                return new AlpacaWireError(null, string.IsNullOrWhiteSpace(Body) ? null : Body.Trim()[..Math.Min(200, Body.Trim().Length)]);
            }
        }
    }
}

/// <summary>
/// Alpaca's Trading API v2 over the <see cref="HttpClientName"/> client (see <see cref="AlpacaBrokerServiceCollectionExtensions"/>:
/// its pipeline retries 429 and 5xx of GET and DELETE, never of POST). Each request carries the key headers; each answer or
/// failure is recorded in <see cref="AlpacaStatus"/>. Failures to get an answer are <see cref="AlpacaException"/>s of
/// <see cref="AlpacaFailure.Unavailable"/>; the caller interprets HTTP statuses. Messages never hold the keys. An outage is logged
/// once when it begins, summarised per minute with the count of failed requests, and once when Alpaca answers again (an
/// <see cref="OutageTracker"/>), never a line or a stack trace per request. Thread-safe.
/// </summary>
internal sealed class AlpacaTradingClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<AlpacaOptions> options, AlpacaStatus status,
    TimeProvider time, ILogger<AlpacaTradingClient> logger)
{
    private readonly OutageTracker _outage = new(time);

    /// <summary>Name of the HTTP client (and its resilience pipeline) for the Trading API.</summary>
    public const string HttpClientName = "Alpaca.Trading";

    public async Task<AlpacaWireAccount> GetAccountAsync(CancellationToken cancellationToken) =>
        Read(await ExpectAsync(HttpMethod.Get, "/v2/account", null, cancellationToken), AlpacaTradingJsonContext.Default.AlpacaWireAccount, "account");

    public async Task<AlpacaWirePosition[]> GetPositionsAsync(CancellationToken cancellationToken) =>
        Read(await ExpectAsync(HttpMethod.Get, "/v2/positions", null, cancellationToken), AlpacaTradingJsonContext.Default.AlpacaWirePositionArray, "positions");

    /// <summary>The order with this client order id, or null when Alpaca answers 404 (it never saw it).</summary>
    public async Task<AlpacaWireOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, $"/v2/orders:by_client_order_id?client_order_id={Uri.EscapeDataString(clientOrderId)}", null, cancellationToken);
        if (answer.Status == (int)HttpStatusCode.NotFound) return null;
        return Read(Expect(answer, "order"), AlpacaTradingJsonContext.Default.AlpacaWireOrder, "order");
    }

    /// <summary>Open orders, optionally of one symbol (at most 500, Alpaca's page limit).</summary>
    public async Task<AlpacaWireOrder[]> GetOpenOrdersAsync(string? symbol, CancellationToken cancellationToken)
    {
        var path = "/v2/orders?status=open&limit=500&direction=asc" + (symbol is null ? "" : $"&symbols={Uri.EscapeDataString(symbol)}");
        return Read(await ExpectAsync(HttpMethod.Get, path, null, cancellationToken), AlpacaTradingJsonContext.Default.AlpacaWireOrderArray, "orders");
    }

    /// <summary>Sends one order POST, once: the answer whatever its status (the caller decides), or an
    /// <see cref="AlpacaException"/> when none came (timeout, dropped connection): the order may or may not exist then.</summary>
    public Task<AlpacaAnswer> PostOrderAsync(AlpacaWireOrderRequest order, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/v2/orders", JsonSerializer.Serialize(order, AlpacaTradingJsonContext.Default.AlpacaWireOrderRequest), cancellationToken);

    /// <summary>Asks Alpaca to cancel every open order; one result per order (status 200 when the cancel was accepted).</summary>
    public async Task<AlpacaWireCancelResult[]> CancelAllAsync(CancellationToken cancellationToken) =>
        Read(await ExpectAsync(HttpMethod.Delete, "/v2/orders", null, cancellationToken), AlpacaTradingJsonContext.Default.AlpacaWireCancelResultArray, "cancel results");

    /// <summary>Asks Alpaca to cancel one order by its id; false when it is no longer cancelable (422) or unknown (404).</summary>
    public async Task<bool> CancelAsync(string orderId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Delete, $"/v2/orders/{Uri.EscapeDataString(orderId)}", null, cancellationToken);
        if (answer.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.UnprocessableEntity) return false;
        Expect(answer, "cancel");
        return true;
    }

    public async Task<AlpacaWireClock> GetClockAsync(CancellationToken cancellationToken) =>
        Read(await ExpectAsync(HttpMethod.Get, "/v2/clock", null, cancellationToken), AlpacaTradingJsonContext.Default.AlpacaWireClock, "clock");

    public async Task<AlpacaWireCalendarDay[]> GetCalendarAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Read(await ExpectAsync(HttpMethod.Get,
            $"/v2/calendar?start={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&end={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            null, cancellationToken), AlpacaTradingJsonContext.Default.AlpacaWireCalendarDayArray, "calendar");

    /// <summary>The asset, or null when Alpaca does not know the symbol (404).</summary>
    public async Task<AlpacaWireAsset?> GetAssetAsync(string symbol, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, $"/v2/assets/{Uri.EscapeDataString(symbol)}", null, cancellationToken);
        if (answer.Status == (int)HttpStatusCode.NotFound) return null;
        return Read(Expect(answer, "asset"), AlpacaTradingJsonContext.Default.AlpacaWireAsset, "asset");
    }

    private async Task<AlpacaAnswer> ExpectAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        Expect(await SendAsync(method, path, json, cancellationToken), path);

    /// <summary>The answer when it is a success; otherwise the <see cref="AlpacaException"/> its status means.</summary>
    private AlpacaAnswer Expect(AlpacaAnswer answer, string what)
    {
        if (answer.IsSuccess) return answer;
        var message = answer.Error.Message is { Length: > 0 } m ? $": {m}" : "";
        var settings = options.CurrentValue;
        throw answer.Status switch
        {
            401 or 403 => new AlpacaException(AlpacaFailure.KeysRefused,
                $"Alpaca's Trading API refused the keys ({answer.Status}{message}) for the {what}: check {AlpacaOptions.ApcaKeyIdVariable} and " +
                $"{AlpacaOptions.ApcaSecretKeyVariable} (or {AlpacaOptions.KeyIdVariable} and {AlpacaOptions.SecretKeyVariable}) and that they belong to " +
                $"{settings.TradingUrl}.", answer.Status),
            400 or 404 or 422 => new AlpacaException(AlpacaFailure.Rejected, $"Alpaca rejected the request for the {what} ({answer.Status}{message}).", answer.Status),
            _ => new AlpacaException(AlpacaFailure.Unavailable, $"Alpaca's Trading API answered {answer.Status}{message} for the {what}; try again later.", answer.Status),
        };
    }

    internal static T Read<T>(AlpacaAnswer answer, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Body, type)
                ?? throw new AlpacaException(AlpacaFailure.InvalidResponse, $"Alpaca's {what} answer was empty.");
        }
        catch (JsonException ex)
        {
            throw new AlpacaException(AlpacaFailure.InvalidResponse, $"Alpaca's {what} answer is not the JSON the Trading API documents ({ex.Message}).", answer.Status, ex);
        }
    }

    private async Task<AlpacaAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? json, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.HasKeys) throw AlpacaException.KeysMissing();
        using var request = new HttpRequestMessage(method, new Uri(settings.TradingUrl.TrimEnd('/') + pathAndQuery));
        request.Headers.Add("APCA-API-KEY-ID", settings.KeyId!.Trim());
        request.Headers.Add("APCA-API-SECRET-KEY", settings.SecretKey!.Trim());
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500) Failed($"Alpaca's Trading API at {settings.TradingUrl} answered {(int)response.StatusCode}.");
            else Answered();
            // Alpaca sends Retry-After in seconds; a date form or an absurd value is not used.
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero && delta < TimeSpan.FromMinutes(5) ? delta : (TimeSpan?)null;
            return new AlpacaAnswer((int)response.StatusCode, body, retryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = ex is TimeoutRejectedException or OperationCanceledException
                ? $"did not answer within {settings.RequestTimeout.TotalSeconds:0.#} s"
                : $"could not be reached ({ex.Message})";
            var message = $"Alpaca's Trading API at {settings.TradingUrl} {why}.";
            Failed(message);
            throw new AlpacaException(AlpacaFailure.Unavailable, message, innerException: ex);
        }
    }

    private void Failed(string reason)
    {
        status.Failed(reason);
        var outage = _outage.Failed(reason);
        if (outage.Notice == OutageNotice.WentDown) Log.TradingApiDown(logger, reason);
        else if (outage.Notice == OutageNotice.StillDown) Log.TradingApiStillDown(logger, outage.Failures, _outage.SummaryEvery, reason, outage.Down);
    }

    private void Answered()
    {
        status.Answered();
        if (_outage.Succeeded() is { Notice: OutageNotice.Recovered } recovered) Log.TradingApiBack(logger, recovered.Down, recovered.Failures);
    }
}
