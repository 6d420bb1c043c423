using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using WawaTrader.Core.Indicators;

namespace WawaTrader.Core.Market.Alpaca;

/// <summary>
/// Historical stock bars from Alpaca's Market Data API v2 (<c>GET {DataUrl}/v2/stocks/{symbol}/bars</c>), following
/// <c>next_page_token</c> until the last page, with the feed and adjustment of <see cref="AlpacaOptions"/>. Requests go through the
/// <see cref="HttpClientName"/> client, whose pipeline retries 429 and 5xx (see <see cref="AlpacaServiceCollectionExtensions"/>).
/// Bars come back oldest first, checked as the CSV reader checks a file, and stamped as <see cref="AlpacaTimeframes.BarTime"/> says.
/// Every failure is an <see cref="AlpacaException"/> with a message the user can act on; whether the API answered is recorded in
/// <see cref="AlpacaDataStatus"/> (an answer counts, a connection failure, timeout or 5xx after the retries does not). Thread-safe.
/// </summary>
public sealed class AlpacaHistoricalBars(IHttpClientFactory httpClientFactory, IOptionsMonitor<AlpacaOptions> options, AlpacaDataStatus status,
    ILogger<AlpacaHistoricalBars> logger)
{
    /// <summary>Name of the HTTP client (and its resilience pipeline) for the data API.</summary>
    public const string HttpClientName = "Alpaca.Data";

    /// <summary>Bars per page asked for: Alpaca's maximum.</summary>
    public const int PageLimit = 10_000;

    /// <summary>True when both keys are configured.</summary>
    public bool HasKeys => options.CurrentValue.HasKeys;

    /// <summary>
    /// The bars of <paramref name="symbol"/> (trimmed, upper-cased) in <paramref name="timeframe"/> (one of
    /// <see cref="AlpacaTimeframes.All"/>) from the start of New York date <paramref name="from"/> to the end of <paramref name="to"/>,
    /// inclusive; oldest first; empty when Alpaca has none in the range.
    /// </summary>
    /// <exception cref="AlpacaException">Keys missing or refused, the symbol or request rejected, the server unreachable or
    /// failing after the retries, or an answer that is malformed or holds an invalid bar (named by symbol and time).</exception>
    /// <exception cref="ArgumentException">An unknown timeframe, a blank symbol, or <paramref name="from"/> after <paramref name="to"/>.</exception>
    public async Task<Bar[]> GetBarsAsync(string symbol, string timeframe, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var frame = AlpacaTimeframes.Normalize(timeframe)
            ?? throw new ArgumentException($"Timeframe '{timeframe}' is not one of {string.Join(", ", AlpacaTimeframes.All)}.", nameof(timeframe));
        if (from > to) throw new ArgumentException($"The start date {from:yyyy-MM-dd} is after the end date {to:yyyy-MM-dd}.", nameof(from));
        return await FetchAsync(symbol, frame, NewYorkMidnightUtc(from), NewYorkMidnightUtc(to.AddDays(1)).AddSeconds(-1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bars of <paramref name="symbol"/> in <paramref name="timeframe"/> opened in [<paramref name="startUtc"/>,
    /// <paramref name="endUtc"/>] (Alpaca's end is inclusive; whole seconds), oldest first; what the live market reads.</summary>
    /// <exception cref="AlpacaException">As <see cref="GetBarsAsync"/>.</exception>
    internal Task<Bar[]> GetBarsBetweenAsync(string symbol, string timeframe, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var frame = AlpacaTimeframes.Normalize(timeframe)
            ?? throw new ArgumentException($"Timeframe '{timeframe}' is not one of {string.Join(", ", AlpacaTimeframes.All)}.", nameof(timeframe));
        return FetchAsync(symbol, frame, startUtc, endUtc, cancellationToken);
    }

    private async Task<Bar[]> FetchAsync(string symbol, string frame, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        symbol = symbol.Trim().ToUpperInvariant();
        var settings = options.CurrentValue;
        if (!settings.HasKeys) throw AlpacaException.KeysMissing();

        var client = httpClientFactory.CreateClient(HttpClientName);
        var bars = new List<Bar>();
        string? pageToken = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, PageUri(settings, symbol, frame, start, end, pageToken));
            request.Headers.Add("APCA-API-KEY-ID", settings.KeyId!.Trim());
            request.Headers.Add("APCA-API-SECRET-KEY", settings.SecretKey!.Trim());
            var body = await SendAsync(client, request, symbol, settings, cancellationToken).ConfigureAwait(false);
            pageToken = ReadPage(body, symbol, frame, bars);
            pages++;
        } while (pageToken is not null);

        Log.BarsFetched(logger, bars.Count, frame, symbol, pages);
        return bars.ToArray();
    }

    private static Uri PageUri(AlpacaOptions settings, string symbol, string timeframe, DateTime start, DateTime end, string? pageToken)
    {
        var query = new StringBuilder()
            .Append("timeframe=").Append(timeframe)
            .Append("&start=").Append(Uri.EscapeDataString(start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)))
            .Append("&end=").Append(Uri.EscapeDataString(end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)))
            .Append("&limit=").Append(PageLimit.ToString(CultureInfo.InvariantCulture))
            .Append("&adjustment=").Append(settings.Adjustment.ToLowerInvariant())
            .Append("&feed=").Append(settings.Feed.ToLowerInvariant())
            .Append("&sort=asc");
        if (pageToken is not null) query.Append("&page_token=").Append(Uri.EscapeDataString(pageToken));
        return new Uri($"{settings.DataUrl.TrimEnd('/')}/v2/stocks/{Uri.EscapeDataString(symbol)}/bars?{query}");
    }

    /// <summary>The UTC instant of midnight New York time starting <paramref name="date"/> (noon UTC always falls on that New York date).</summary>
    private static DateTime NewYorkMidnightUtc(DateOnly date) =>
        MarketClock.NewYorkDay(date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)).StartUtc;

    private async Task<string> SendAsync(HttpClient client, HttpRequestMessage request, string symbol, AlpacaOptions settings, CancellationToken cancellationToken)
    {
        var server = settings.DataUrl;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Unanswered($"Alpaca's data API at {server} could not be reached ({ex.Message}); check the network and {AlpacaOptions.SectionName}:{nameof(AlpacaOptions.DataUrl)}.", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Unanswered($"Alpaca's data API at {server} did not answer within {settings.RequestTimeout.TotalSeconds:0.#} s; try again later.", ex);
        }
        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new AlpacaException(AlpacaFailure.Unavailable, $"Alpaca's answer for {symbol} was cut off ({ex.Message}); try again.", (int)response.StatusCode, ex);
            }
            if ((int)response.StatusCode >= 500) status.Failed($"Alpaca's data API at {server} answered {(int)response.StatusCode}.");
            else status.Answered();
            if (response.IsSuccessStatusCode) return body;
            var code = (int)response.StatusCode;
            var message = ErrorMessage(body);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new AlpacaException(AlpacaFailure.KeysRefused,
                    $"Alpaca refused the API keys ({code}{Detail(message)}): check {AlpacaOptions.KeyIdVariable} and {AlpacaOptions.SecretKeyVariable}, " +
                    $"and that the account may read the '{settings.Feed}' feed.", code),
                HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => new AlpacaException(AlpacaFailure.Rejected,
                    $"Alpaca rejected the request for {symbol} ({code}{Detail(message)}); check the symbol and the dates.", code) { Symbol = symbol },
                _ => new AlpacaException(AlpacaFailure.Unavailable,
                    $"Alpaca's data API answered {code}{Detail(message)} for {symbol} after {settings.MaxRetries} retries; try again later.", code),
            };
        }
    }

    private AlpacaException Unanswered(string message, Exception inner)
    {
        status.Failed(message);
        return new AlpacaException(AlpacaFailure.Unavailable, message, innerException: inner);
    }

    private static string Detail(string? message) => string.IsNullOrWhiteSpace(message) ? "" : $": {message}";

    /// <summary>Alpaca's <c>message</c> field of an error body, or null when the body has none.</summary>
    private static string? ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? Truncate(m.GetString()!) : null;
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(body) ? null : Truncate(body.Trim());
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Adds the page's bars to <paramref name="bars"/> and returns its <c>next_page_token</c> (null on the last page).</summary>
    private static string? ReadPage(string body, string symbol, string timeframe, List<Bar> bars)
    {
        AlpacaBarsPage? page;
        try
        {
            page = JsonSerializer.Deserialize(body, AlpacaJsonContext.Default.AlpacaBarsPage);
        }
        catch (JsonException ex)
        {
            throw Invalid(symbol, $"it is not the JSON the bars API documents ({ex.Message})", ex);
        }
        if (page is null) throw Invalid(symbol, "the body is empty");
        foreach (var wire in page.Bars ?? [])
        {
            if (wire.T is not { } t) throw Invalid(symbol, "a bar has no time ('t')");
            if (wire.O is not { } o || wire.H is not { } h || wire.L is not { } l || wire.C is not { } c || wire.V is not { } v)
                throw Invalid(symbol, $"the bar at {t:yyyy-MM-dd HH:mm:ss} UTC lacks one of 'o', 'h', 'l', 'c', 'v'");
            var bar = new Bar(AlpacaTimeframes.BarTime(timeframe, t.UtcDateTime), o, h, l, c, v);
            var problem = BarSeriesValidator.DescribeProblem(bar)
                ?? (bars.Count > 0 ? BarSeriesValidator.DescribeOrderProblem(bars[^1].Time, bar.Time) : null);
            if (problem is not null) throw Invalid(symbol, $"the {symbol} bar at {t:yyyy-MM-dd HH:mm:ss} UTC is invalid: {problem}");
            bars.Add(bar);
        }
        return string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
    }

    private static AlpacaException Invalid(string symbol, string problem, Exception? inner = null) =>
        new(AlpacaFailure.InvalidResponse, $"Alpaca's bars for {symbol} cannot be used: {problem}; nothing was fetched for {symbol}.", innerException: inner) { Symbol = symbol };
}
