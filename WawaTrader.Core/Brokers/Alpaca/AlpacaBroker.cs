using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market;
using WawaTrader.Core.Market.Alpaca;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>Alpaca's market clock: its time, whether the regular session is open, and the next open and close (UTC).</summary>
public sealed record AlpacaClock(DateTime Time, bool IsOpen, DateTime NextOpen, DateTime NextClose);

/// <summary>One trading day of Alpaca's calendar: its New York date and the UTC instants of the regular session's open and close
/// (early closes included).</summary>
public sealed record AlpacaTradingDay(DateOnly Date, DateTime OpenUtc, DateTime CloseUtc);

/// <summary>
/// Alpaca's Trading API v2 behind <see cref="IBroker"/>: market and limit orders (<c>type=limit</c>, <c>limit_price</c>), time in force
/// day, client order id = our decision's id.
/// An order is first looked up by its client order id (a repeat returns the order Alpaca has), then judged by
/// <see cref="AlpacaOrderRules"/> (asset, shares held, session) and sent once. A POST that gets no answer (timeout, dropped
/// connection, 5xx) is never sent again blindly: the order is asked for by client order id and adopted when Alpaca has it; only a
/// 404 allows another POST. A 422 for a duplicate id adopts the existing order; a 429 waits for <c>Retry-After</c>; a 403
/// (insufficient buying power) or 422 comes back as a rejected order with Alpaca's message. Thread-safe.
/// </summary>
public sealed class AlpacaBroker : IBroker
{
    private const long DuplicateClientOrderIdCode = 40010001;
    private readonly AlpacaTradingClient _client;
    private readonly IOptionsMonitor<AlpacaOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlpacaBroker> _logger;
    private readonly AlpacaOrderMapping _mapping = new();

    internal AlpacaBroker(AlpacaTradingClient client, IOptionsMonitor<AlpacaOptions> options, TimeProvider time, ILogger<AlpacaBroker> logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>"Alpaca paper", or "Alpaca LIVE" when the trading URL is a live endpoint.</summary>
    public string Name => _options.CurrentValue.IsLive ? "Alpaca LIVE" : "Alpaca paper";

    public async Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ClientOrderId) || request.ClientOrderId.Length > AlpacaOrderRules.MaxClientOrderIdLength)
            return Refused(request, AlpacaOrderRules.Refusal(Check(request, null, 0m, 0m, AlpacaSession.Regular))!);

        if (await _client.GetOrderByClientIdAsync(request.ClientOrderId, cancellationToken) is { } existing)
            return Adopted(existing);

        var settings = _options.CurrentValue;
        var symbol = request.Symbol?.Trim().ToUpperInvariant() ?? "";
        var asset = symbol.Length == 0 ? null : await _client.GetAssetAsync(symbol, cancellationToken);
        var held = 0m;
        var offered = 0m;
        if (request.Side == OrderSide.Sell && asset is not null)
        {
            held = (await _client.GetPositionsAsync(cancellationToken)).Where(p => p.Symbol == symbol && p.Side != "short").Sum(p => p.Qty ?? 0m);
            offered = (await _client.GetOpenOrdersAsync(symbol, cancellationToken)).Where(o => o.Side == "sell").Sum(o => (o.Qty ?? 0m) - (o.FilledQty ?? 0m));
        }
        var clock = await GetClockAsync(cancellationToken);
        var session = await SessionAsync(clock, settings, cancellationToken);
        var check = Check(request with { Symbol = symbol }, asset, held, offered, session);
        if (AlpacaOrderRules.Refusal(check) is { } refusal)
            return Refused(request, session == AlpacaSession.Closed && refusal == "the market is closed" ? $"{refusal}; it opens at {clock.NextOpen:yyyy-MM-dd HH:mm} UTC" : refusal);

        return await PostAsync(request with { Symbol = symbol }, settings, cancellationToken);
    }

    private AlpacaOrderCheck Check(OrderRequest request, AlpacaWireAsset? asset, decimal held, decimal offered, AlpacaSession session)
    {
        var settings = _options.CurrentValue;
        var info = asset is null ? null : new AlpacaAssetInfo(asset.Symbol ?? request.Symbol, asset.Tradable == true && asset.Status != "inactive", asset.Fractionable == true);
        return new AlpacaOrderCheck(request, request.Type == OrderType.Limit ? AlpacaOrderType.Limit : AlpacaOrderType.Market, info, held, offered, session, settings.AllowFractional, settings.ExtendedHours);
    }

    /// <summary>Sends the order; see the class remarks for what happens when no answer comes.</summary>
    private async Task<BrokerOrder> PostAsync(OrderRequest request, AlpacaOptions settings, CancellationToken cancellationToken)
    {
        var limit = request.Type == OrderType.Limit;
        var body = new AlpacaWireOrderRequest(request.Symbol, request.Quantity, request.Side == OrderSide.Buy ? "buy" : "sell", limit ? "limit" : "market",
            AlpacaOrderRules.TimeInForce, request.ClientOrderId, limit && settings.ExtendedHours, limit ? request.LimitPrice : null);
        for (var attempt = 0; ; attempt++)
        {
            AlpacaAnswer answer;
            try
            {
                answer = await _client.PostOrderAsync(body, cancellationToken);
            }
            catch (AlpacaException ex) when (ex.Failure == AlpacaFailure.Unavailable)
            {
                if (await FoundAfterNoAnswerAsync(request, ex.Message, cancellationToken) is { } found) return found;
                await RetryOrGiveUpAsync(request, attempt, settings, null, ex, cancellationToken);
                continue;
            }
            if (answer.IsSuccess)
            {
                var order = ToOrder(AlpacaTradingClient.Read(answer, AlpacaTradingJsonContext.Default.AlpacaWireOrder, "order"));
                Log.OrderSent(_logger, order.ClientOrderId, order.Side, order.Quantity, order.Symbol, order.Status);
                return order;
            }
            var error = answer.Error;
            switch (answer.Status)
            {
                case 422 when error.Code == DuplicateClientOrderIdCode || (error.Message?.Contains("client_order_id", StringComparison.OrdinalIgnoreCase) ?? false):
                    return await _client.GetOrderByClientIdAsync(request.ClientOrderId, cancellationToken) is { } duplicate
                        ? Adopted(duplicate)
                        : throw new AlpacaException(AlpacaFailure.InvalidResponse,
                            $"Alpaca called order {request.ClientOrderId} a duplicate but has no order with that client order id.", 422);
                case 401:
                    throw new AlpacaException(AlpacaFailure.KeysRefused,
                        $"Alpaca's Trading API refused the keys (401): check {AlpacaOptions.ApcaKeyIdVariable} and {AlpacaOptions.ApcaSecretKeyVariable}.", 401);
                case 429:
                    await RetryOrGiveUpAsync(request, attempt, settings, answer.RetryAfter, null, cancellationToken);
                    continue;
                case >= 500:
                    if (await FoundAfterNoAnswerAsync(request, $"answered {answer.Status}", cancellationToken) is { } adopted) return adopted;
                    await RetryOrGiveUpAsync(request, attempt, settings, null, null, cancellationToken);
                    continue;
                default:
                    var reason = error.Message is { Length: > 0 } m ? m : $"HTTP {answer.Status}";
                    Log.OrderRejected(_logger, request.ClientOrderId, request.Symbol, answer.Status, reason);
                    return NewOrder(request, OrderStatus.Rejected, $"Alpaca: {reason}");
            }
        }
    }

    /// <summary>After a POST without a usable answer: the order Alpaca has under this client order id (adopted), or null when it
    /// answers 404. When that lookup fails too, the order's state is unknown and the exception says so (reconciliation resolves it).</summary>
    private async Task<BrokerOrder?> FoundAfterNoAnswerAsync(OrderRequest request, string reason, CancellationToken cancellationToken)
    {
        Log.PostUnanswered(_logger, request.ClientOrderId, reason);
        AlpacaWireOrder? found;
        try
        {
            found = await _client.GetOrderByClientIdAsync(request.ClientOrderId, cancellationToken);
        }
        catch (AlpacaException ex) when (ex.Failure == AlpacaFailure.Unavailable)
        {
            throw new AlpacaException(AlpacaFailure.Unavailable,
                $"Order {request.ClientOrderId} may or may not be at Alpaca (no answer to the POST, nor to the lookup: {ex.Message}); " +
                "it is not sent again and will be resolved by its client order id.", innerException: ex);
        }
        return found is null ? null : Adopted(found);
    }

    private async Task RetryOrGiveUpAsync(OrderRequest request, int attempt, AlpacaOptions settings, TimeSpan? retryAfter, Exception? cause, CancellationToken cancellationToken)
    {
        if (attempt >= settings.MaxRetries)
            throw new AlpacaException(AlpacaFailure.Unavailable,
                $"Order {request.ClientOrderId} could not be placed at Alpaca after {attempt + 1} attempts; Alpaca has no order with that id, so it was not placed.",
                innerException: cause);
        var delay = retryAfter ?? TimeSpan.FromTicks(settings.RetryBaseDelay.Ticks * (1L << Math.Min(attempt, 10)));
        if (retryAfter is not null) Log.RateLimited(_logger, request.ClientOrderId, delay);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, cancellationToken);
    }

    public async Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientOrderId);
        if (clientOrderId.Length > AlpacaOrderRules.MaxClientOrderIdLength) return null;
        return await _client.GetOrderByClientIdAsync(clientOrderId, cancellationToken) is { } wire ? ToOrder(wire) : null;
    }

    /// <summary>Cash and equity from <c>/v2/account</c>, positions from <c>/v2/positions</c> (a short position as a negative
    /// quantity), marked at Alpaca's current price. Alpaca reports no realised P&amp;L per position: those are 0.</summary>
    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken)
    {
        var account = await _client.GetAccountAsync(cancellationToken);
        var positions = await _client.GetPositionsAsync(cancellationToken);
        if (account.Cash is not { } cash || account.Equity is not { } equity)
            throw new AlpacaException(AlpacaFailure.InvalidResponse, "Alpaca's account lacks 'cash' or 'equity'.");
        return new BrokerAccount(cash, equity, positions.Where(p => p.Symbol is not null && (p.Qty ?? 0m) != 0m).Select(ToPosition).ToList(), 0m);
    }

    private static Position ToPosition(AlpacaWirePosition p)
    {
        var quantity = Math.Abs(p.Qty ?? 0m) * (p.Side == "short" ? -1m : 1m);
        var last = p.CurrentPrice ?? (quantity != 0m && p.MarketValue is { } value ? value / quantity : 0m);
        return new Position(p.Symbol!, quantity, p.AvgEntryPrice ?? 0m, last, 0m);
    }

    public async Task<int> CancelOpenOrdersAsync(CancellationToken cancellationToken)
    {
        var results = await _client.CancelAllAsync(cancellationToken);
        var canceled = results.Count(r => r.Status is >= 200 and < 300);
        Log.OrdersCanceled(_logger, canceled);
        return canceled;
    }

    /// <summary>Asks Alpaca to cancel one order; false when Alpaca does not have it or it can no longer be canceled.</summary>
    public async Task<bool> CancelOrderAsync(string clientOrderId, CancellationToken cancellationToken) =>
        await _client.GetOrderByClientIdAsync(clientOrderId, cancellationToken) is { Id: { } id }
        && await _client.CancelAsync(id, cancellationToken);

    /// <summary>Orders still open at Alpaca, oldest first.</summary>
    public async Task<IReadOnlyList<BrokerOrder>> GetOpenOrdersAsync(CancellationToken cancellationToken) =>
        (await _client.GetOpenOrdersAsync(null, cancellationToken)).Select(ToOrder).ToList();

    public async Task<AlpacaClock> GetClockAsync(CancellationToken cancellationToken)
    {
        var clock = await _client.GetClockAsync(cancellationToken);
        if (clock.Timestamp is not { } now || clock.IsOpen is not { } open || clock.NextOpen is not { } nextOpen || clock.NextClose is not { } nextClose)
            throw new AlpacaException(AlpacaFailure.InvalidResponse, "Alpaca's clock lacks one of 'timestamp', 'is_open', 'next_open', 'next_close'.");
        return new AlpacaClock(now.UtcDateTime, open, nextOpen.UtcDateTime, nextClose.UtcDateTime);
    }

    /// <summary>The trading days between two New York dates, inclusive (holidays absent, early closes as they are).</summary>
    public async Task<IReadOnlyList<AlpacaTradingDay>> GetCalendarAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = await _client.GetCalendarAsync(from, to, cancellationToken);
        var result = new List<AlpacaTradingDay>(days.Length);
        foreach (var day in days)
        {
            if (!DateOnly.TryParseExact(day.Date, "yyyy-MM-dd", out var date) || !TimeOnly.TryParse(day.Open, System.Globalization.CultureInfo.InvariantCulture, out var open)
                || !TimeOnly.TryParse(day.Close, System.Globalization.CultureInfo.InvariantCulture, out var close))
                throw new AlpacaException(AlpacaFailure.InvalidResponse, $"Alpaca's calendar day '{day.Date}' is not a date with open and close times.");
            result.Add(new AlpacaTradingDay(date, NewYorkToUtc(date, open), NewYorkToUtc(date, close)));
        }
        return result;
    }

    /// <summary>Regular when Alpaca's clock says open; otherwise, with extended hours on, Extended between 04:00 and 20:00 New York
    /// time of a trading day of Alpaca's calendar; else Closed.</summary>
    private async Task<AlpacaSession> SessionAsync(AlpacaClock clock, AlpacaOptions settings, CancellationToken cancellationToken)
    {
        if (clock.IsOpen) return AlpacaSession.Regular;
        if (!settings.ExtendedHours) return AlpacaSession.Closed;
        var today = MarketClock.NewYorkDate(clock.Time);
        var days = await GetCalendarAsync(today, today, cancellationToken);
        return days.Any(d => d.Date == today
            && clock.Time >= NewYorkToUtc(today, new TimeOnly(4, 0)) && clock.Time < NewYorkToUtc(today, new TimeOnly(20, 0)))
            ? AlpacaSession.Extended : AlpacaSession.Closed;
    }

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTime NewYorkToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), NewYork);

    /// <summary>An order object Alpaca sent on its own (the trade_updates stream), mapped as a fetched one is (its fills included).</summary>
    internal BrokerOrder Observe(AlpacaWireOrder wire) => ToOrder(wire);

    private BrokerOrder ToOrder(AlpacaWireOrder wire)
    {
        if (!AlpacaOrderMapping.IsKnownStatus(wire.Status)) Log.UnknownStatus(_logger, wire.Status ?? "", wire.ClientOrderId ?? "");
        return _mapping.ToOrder(wire);
    }

    private BrokerOrder Adopted(AlpacaWireOrder wire)
    {
        var order = ToOrder(wire);
        Log.OrderAdopted(_logger, order.ClientOrderId, order.Status);
        return order;
    }

    private BrokerOrder Refused(OrderRequest request, string reason)
    {
        Log.OrderRefused(_logger, request.ClientOrderId ?? "", request.Symbol ?? "", reason);
        return NewOrder(request, OrderStatus.Rejected, reason);
    }

    private BrokerOrder NewOrder(OrderRequest request, OrderStatus status, string? reason) =>
        new(request.ClientOrderId ?? "", "", request.Symbol ?? "", request.Side, request.Quantity, status, _time.GetUtcNow().UtcDateTime, [], reason);
}
