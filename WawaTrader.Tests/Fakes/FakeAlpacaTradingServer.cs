using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Tests.Fakes;

/// <summary>What the fake Trading API does with the next matching request instead of (or after) serving it.</summary>
internal abstract record TradingFault
{
    /// <summary>Answers this error without processing the request (429 with <c>Retry-After</c> seconds when given).</summary>
    public sealed record Error(int Status, string Message, int? RetryAfterSeconds = null) : TradingFault;

    /// <summary>Processes the request (an order POST is accepted) and then drops the connection without answering.</summary>
    public sealed record DropAfterAccept : TradingFault;

    /// <summary>Processes the request, drops the connection and goes <see cref="FakeAlpacaTradingServer.Down"/> (an outage that
    /// starts right after Alpaca accepted an order).</summary>
    public sealed record DropAfterAcceptAndGoDown : TradingFault;

    /// <summary>Processes the request and answers only after <see cref="Delay"/> (longer than the client's timeout).</summary>
    public sealed record DelayAfterAccept(TimeSpan Delay) : TradingFault;

    /// <summary>Drops the connection without processing the request.</summary>
    public sealed record Drop : TradingFault;

    /// <summary>Serves the request as usual (queued before other faults, so they meet later requests).</summary>
    public sealed record Serve : TradingFault;

    /// <summary>Processes the request (an order POST is accepted) and then answers this error anyway (a gateway's 502 after
    /// Alpaca placed the order).</summary>
    public sealed record ErrorAfterAccept(int Status, string Message) : TradingFault;
}

/// <summary>What happens to the orders the next cancel (one or all) reaches, as Alpaca's own executions race it.</summary>
internal abstract record CancelRace
{
    /// <summary>The order fills in full at <see cref="Price"/> just before the cancel is processed: the cancel is answered
    /// 422 "order is not cancelable".</summary>
    public sealed record FillsFirst(decimal Price) : CancelRace;

    /// <summary>The cancel is accepted but not yet done: the order goes <c>pending_cancel</c> and stays open until the test moves it
    /// (<see cref="FakeAlpacaTradingServer.SetStatus"/>, a fill).</summary>
    public sealed record GoesPendingCancel : CancelRace;
}

/// <summary>One request as the fake received it.</summary>
internal sealed record TradingRequest(string Method, string Path, string? KeyId, string? SecretKey);

/// <summary>
/// A stateful stand-in of Alpaca's Trading API v2 on 127.0.0.1 (Kestrel, random port), speaking its JSON (numbers as strings):
/// account, positions, orders (POST, by client order id, open list, cancel one and all with Alpaca's 207), clock, calendar,
/// assets. It enforces what Alpaca enforces: both key headers (401), unique client order ids (422, code 40010001), known active
/// symbols (422), positive quantities (422), buying power (403, code 40310000), shares available to sell (403), and
/// <see cref="RequestsPerMinute"/> requests a minute (429 with the <c>X-Ratelimit-*</c> headers). Orders are accepted and then
/// filled by the test (<see cref="FillOpenOrders"/>, <see cref="FillPartially"/>); faults are scripted per method
/// (<see cref="EnqueueFault"/>), <see cref="Down"/> drops every connection. Each test starts its own.
/// </summary>
internal sealed class FakeAlpacaTradingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Qty, decimal Avg)> _positions = new(StringComparer.Ordinal);
    private readonly List<FakeOrder> _orders = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TradingFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<CancelRace> _cancelRaces = new();
    private readonly ConcurrentQueue<TradingRequest> _requests = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private int _nextId;
    private readonly ConcurrentDictionary<Channel<string>, bool> _streams = new();

    /// <summary>Whether the trade_updates stream accepts connections (false: it refuses them, as when it is unreachable).</summary>
    public bool StreamUp { get; set; } = true;

    /// <summary>How many clients are listening to trade_updates now.</summary>
    public int Listeners => _streams.Count;

    /// <summary>Drops every trade_updates connection at once (the REST API keeps answering).</summary>
    public void DropStreams()
    {
        foreach (var channel in _streams.Keys) channel.Writer.TryComplete();
    }

    private void Broadcast(string @event, FakeOrder order)
    {
        var message = JsonSerializer.Serialize(new
        {
            stream = "trade_updates",
            data = new { @event, timestamp = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), order = order.ToWire() },
        });
        foreach (var channel in _streams.Keys) channel.Writer.TryWrite(message);
    }

    private async Task StreamAsync(HttpContext http)
    {
        if (!StreamUp)
        {
            http.Abort();
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var auth = JsonNode.Parse(await ReadAsync(socket) ?? "{}");
        if (auth?["action"]?.GetValue<string>() != "auth" || auth["key"]?.GetValue<string>() != KeyId || auth["secret"]?.GetValue<string>() != SecretKey)
        {
            await SendAsync(socket, """{"stream":"authorization","data":{"action":"authenticate","status":"unauthorized"}}""");
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized", CancellationToken.None);
            return;
        }
        await SendAsync(socket, """{"stream":"authorization","data":{"action":"authenticate","status":"authorized"}}""");
        var listen = JsonNode.Parse(await ReadAsync(socket) ?? "{}");
        if (listen?["action"]?.GetValue<string>() != "listen") return;
        var channel = Channel.CreateUnbounded<string>();
        _streams[channel] = true;
        await SendAsync(socket, """{"stream":"listening","data":{"streams":["trade_updates"]}}""");
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(http.RequestAborted)) await SendAsync(socket, message);
        }
        catch (OperationCanceledException) { }
        finally
        {
            _streams.TryRemove(channel, out _);
        }
        http.Abort(); // a drop, not a clean close
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), WebSocketMessageType.Binary, true, CancellationToken.None); // Alpaca sends binary frames

    private static async Task<string?> ReadAsync(WebSocket socket)
    {
        var buffer = new byte[8192];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        return result.MessageType == WebSocketMessageType.Close ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    private FakeAlpacaTradingServer(WebApplication app, string keyId, string secretKey)
    {
        _app = app;
        KeyId = keyId;
        SecretKey = secretKey;
    }

    public string KeyId { get; }

    public string SecretKey { get; }

    public string BaseUrl { get; private set; } = "";

    public decimal Cash { get { lock (_gate) return _cash; } set { lock (_gate) _cash = value; } }
    private decimal _cash = 100_000m;

    /// <summary>What <c>/v2/clock</c> says of the regular session.</summary>
    public bool MarketOpen { get; set; } = true;

    /// <summary>Symbols Alpaca lists but marks not tradable.</summary>
    public HashSet<string> Untradable { get; } = new(StringComparer.Ordinal);

    /// <summary>While true every connection is dropped unanswered (an outage).</summary>
    public bool Down { get; set; }

    public int RequestsPerMinute { get; set; } = 200;

    public IReadOnlyList<TradingRequest> Requests => [.. _requests];

    /// <summary>How many order POSTs reached the fake (accepted or not).</summary>
    public int OrderPosts => _requests.Count(r => r.Method == "POST" && r.Path == "/v2/orders");

    /// <summary>Orders the fake holds (every one it accepted).</summary>
    public int OrderCount { get { lock (_gate) return _orders.Count; } }

    public static async Task<FakeAlpacaTradingServer> StartAsync(string keyId = "PKTRADEKEYID0002", string secretKey = "trade-secret-1a2b3c4d5e6f")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeAlpacaTradingServer(app, keyId, secretKey);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    /// <summary>Lists <paramref name="symbol"/> as a tradable asset priced at <paramref name="price"/>.</summary>
    public void SetPrice(string symbol, decimal price)
    {
        lock (_gate) _prices[symbol] = price;
    }

    /// <summary>Sets a position as if changed on Alpaca's site (0 removes it); cash is not touched.</summary>
    public void SetPosition(string symbol, decimal quantity, decimal averagePrice)
    {
        lock (_gate)
        {
            if (quantity == 0m) _positions.Remove(symbol);
            else _positions[symbol] = (quantity, averagePrice);
        }
    }

    public decimal PositionOf(string symbol)
    {
        lock (_gate) return _positions.TryGetValue(symbol, out var p) ? p.Qty : 0m;
    }

    /// <summary>The next request with this method ("POST", "GET", "DELETE") meets <paramref name="fault"/>; with
    /// <paramref name="path"/>, the next request of that method to that path (such faults are served before the method's own).</summary>
    public void EnqueueFault(string method, TradingFault fault, string? path = null) =>
        _faults.GetOrAdd(path is null ? method : $"{method} {path}", _ => new()).Enqueue(fault);

    /// <summary>The next cancel (of one order or of all) meets <paramref name="race"/>.</summary>
    public void EnqueueCancelRace(CancelRace race) => _cancelRaces.Enqueue(race);

    /// <summary>The market trades <paramref name="symbol"/> at <paramref name="price"/> (which becomes its price): every open market
    /// order of it fills in full there, and every open limit order the price crosses (a buy at or below its limit, a sell at or above).</summary>
    public void FillOpenOrders(string symbol, decimal price)
    {
        lock (_gate)
        {
            _prices[symbol] = price;
            foreach (var order in _orders.Where(o => o.Symbol == symbol && o.IsOpen && o.Crossed(price)).ToList()) Execute(order, order.Qty - order.FilledQty, price);
        }
    }

    /// <summary>Fills <paramref name="quantity"/> more shares of the order at <paramref name="price"/> (partially_filled until all are).</summary>
    public void FillPartially(string clientOrderId, decimal quantity, decimal price)
    {
        lock (_gate) Execute(_orders.Single(o => o.ClientOrderId == clientOrderId), quantity, price);
    }

    /// <summary>Sets an order's status as Alpaca would move it (expired, done_for_day, ...).</summary>
    public void SetStatus(string clientOrderId, string status)
    {
        lock (_gate)
        {
            var order = _orders.Single(o => o.ClientOrderId == clientOrderId);
            order.Status = status;
            Broadcast(status, order);
        }
    }

    /// <summary>The order's type and limit price as the fake received them (null when it has no such order).</summary>
    public (string Type, decimal? LimitPrice)? TermsOf(string clientOrderId)
    {
        lock (_gate) return _orders.SingleOrDefault(o => o.ClientOrderId == clientOrderId) is { } o ? (o.Type, o.LimitPrice) : null;
    }

    public string? StatusOf(string clientOrderId)
    {
        lock (_gate) return _orders.SingleOrDefault(o => o.ClientOrderId == clientOrderId)?.Status;
    }

    private void Execute(FakeOrder order, decimal quantity, decimal price)
    {
        var signed = order.Side == "buy" ? quantity : -quantity;
        _positions.TryGetValue(order.Symbol, out var held);
        var newQty = held.Qty + signed;
        var avg = order.Side == "buy" ? (held.Qty * held.Avg + quantity * price) / newQty : held.Avg;
        if (newQty == 0m) _positions.Remove(order.Symbol);
        else _positions[order.Symbol] = (newQty, Math.Round(avg, 4));
        _cash -= signed * price;
        order.FilledAvgPrice = (order.FilledQty * (order.FilledAvgPrice ?? 0m) + quantity * price) / (order.FilledQty + quantity);
        order.FilledQty += quantity;
        // A fill that lands while a cancel is pending leaves the order pending_cancel until the rest is canceled.
        order.Status = order.FilledQty >= order.Qty ? "filled" : order.Status == "pending_cancel" ? "pending_cancel" : "partially_filled";
        order.UpdatedAt = DateTimeOffset.UtcNow;
        if (order.Status == "filled") order.FilledAt = order.UpdatedAt;
        Broadcast(order.Status == "filled" ? "fill" : "partial_fill", order);
    }

    /// <summary>Cancels one order as Alpaca would, after the race's execution if one is scripted: 200 and the order, or 422 when
    /// it is no longer open (filled, canceled) or already waiting for its cancel.</summary>
    private (int Status, object Body) Cancel(FakeOrder order, CancelRace? race)
    {
        if (race is CancelRace.FillsFirst fills && order.IsOpen)
        {
            _prices[order.Symbol] = fills.Price;
            Execute(order, order.Qty - order.FilledQty, fills.Price);
        }
        if (!order.IsOpen || order.Status == "pending_cancel") return (422, new { code = 42210000, message = "order is not cancelable" });
        order.Status = race is CancelRace.GoesPendingCancel ? "pending_cancel" : "canceled";
        order.UpdatedAt = DateTimeOffset.UtcNow;
        Broadcast(order.Status, order);
        return (200, order.ToWire());
    }

    private async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "";
        var keyId = http.Request.Headers["APCA-API-KEY-ID"].FirstOrDefault();
        var secret = http.Request.Headers["APCA-API-SECRET-KEY"].FirstOrDefault();
        _requests.Enqueue(new TradingRequest(method, path, keyId, secret));
        if (Down)
        {
            http.Abort();
            return;
        }
        if (path == "/stream" && http.WebSockets.IsWebSocketRequest)
        {
            await StreamAsync(http);
            return;
        }
        TradingFault? fault = _faults.TryGetValue($"{method} {path}", out var pathQueue) && pathQueue.TryDequeue(out var pf) ? pf
            : _faults.TryGetValue(method, out var queue) && queue.TryDequeue(out var f) ? f : null;
        switch (fault)
        {
            case TradingFault.Drop:
                http.Abort();
                return;
            case TradingFault.Error error:
                if (error.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await WriteAsync(http, error.Status, new { code = error.Status * 100_000, message = error.Message });
                return;
        }
        if (keyId != KeyId || secret != SecretKey)
        {
            await WriteAsync(http, 401, new { message = "unauthorized." });
            return;
        }
        if (!WithinRateLimit(http))
        {
            http.Response.Headers.RetryAfter = "1";
            await WriteAsync(http, 429, new { code = 42910000, message = "rate limit exceeded" });
            return;
        }

        var (status, body) = await RouteAsync(http, method, path);
        if (fault is TradingFault.DropAfterAcceptAndGoDown) Down = true;
        if (fault is TradingFault.DropAfterAccept or TradingFault.DropAfterAcceptAndGoDown)
        {
            http.Abort();
            return;
        }
        if (fault is TradingFault.DelayAfterAccept delay)
        {
            try { await Task.Delay(delay.Delay, http.RequestAborted); } catch (OperationCanceledException) { return; }
        }
        if (fault is TradingFault.ErrorAfterAccept late)
        {
            await WriteAsync(http, late.Status, new { code = late.Status * 100_000, message = late.Message });
            return;
        }
        await WriteAsync(http, status, body);
    }

    private bool WithinRateLimit(HttpContext http)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            while (_window.Count > 0 && now - _window.Peek() >= TimeSpan.FromMinutes(1)) _window.Dequeue();
            var allowed = _window.Count < RequestsPerMinute;
            if (allowed) _window.Enqueue(now);
            var reset = (_window.Count > 0 ? _window.Peek() : now) + TimeSpan.FromMinutes(1);
            http.Response.Headers["X-Ratelimit-Limit"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Ratelimit-Remaining"] = Math.Max(0, RequestsPerMinute - _window.Count).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Ratelimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return allowed;
        }
    }

    private async Task<(int Status, object? Body)> RouteAsync(HttpContext http, string method, string path)
    {
        var query = http.Request.Query;
        if (method == "POST" && path == "/v2/orders") return Submit(await JsonNode.ParseAsync(http.Request.Body) as JsonObject);
        lock (_gate)
        {
            switch (method, path)
            {
                case ("GET", "/v2/account"):
                    return (200, Account());
                case ("GET", "/v2/positions"):
                    return (200, _positions.Select(p => Position(p.Key, p.Value.Qty, p.Value.Avg)).ToArray());
                case ("GET", "/v2/orders:by_client_order_id"):
                    return _orders.FirstOrDefault(o => o.ClientOrderId == query["client_order_id"]) is { } found
                        ? (200, found.ToWire())
                        : (404, new { code = 40410000, message = "order not found" });
                case ("GET", "/v2/orders"):
                    var symbols = query["symbols"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
                    return (200, _orders.Where(o => o.IsOpen && (symbols.Length == 0 || symbols.Contains(o.Symbol))).Select(o => o.ToWire()).ToArray());
                case ("DELETE", "/v2/orders"):
                    var race = _cancelRaces.TryDequeue(out var r) ? r : null;
                    var open = _orders.Where(o => o.IsOpen).ToList();
                    return (207, open.Select(o =>
                    {
                        var (status, body) = Cancel(o, race);
                        return new { id = o.Id, status, body };
                    }).ToArray());
                case ("DELETE", _) when path.StartsWith("/v2/orders/", StringComparison.Ordinal):
                    var target = _orders.FirstOrDefault(o => o.Id == path["/v2/orders/".Length..]);
                    if (target is null) return (404, new { code = 40410000, message = "order not found" });
                    var (canceled, error) = Cancel(target, _cancelRaces.TryDequeue(out var one) ? one : null);
                    return canceled == 200 ? (204, null) : (canceled, error);
                case ("GET", "/v2/clock"):
                    var now = DateTimeOffset.UtcNow;
                    return (200, new
                    {
                        timestamp = now.ToString("O", CultureInfo.InvariantCulture),
                        is_open = MarketOpen,
                        next_open = now.AddHours(MarketOpen ? 18 : 2).ToString("O", CultureInfo.InvariantCulture),
                        next_close = now.AddHours(MarketOpen ? 2 : 8).ToString("O", CultureInfo.InvariantCulture),
                    });
                case ("GET", "/v2/calendar"):
                    var start = DateOnly.Parse(query["start"].ToString(), CultureInfo.InvariantCulture);
                    var end = DateOnly.Parse(query["end"].ToString(), CultureInfo.InvariantCulture);
                    var days = new List<object>();
                    for (var d = start; d <= end; d = d.AddDays(1))
                        if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                            days.Add(new { date = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), open = "09:30", close = "16:00", session_open = "0400", session_close = "2000" });
                    return (200, days);
                case ("GET", _) when path.StartsWith("/v2/assets/", StringComparison.Ordinal):
                    var symbol = path["/v2/assets/".Length..];
                    if (!_prices.ContainsKey(symbol)) return (404, new { code = 40410000, message = "asset not found" });
                    return (200, new
                    {
                        id = Guid.NewGuid().ToString(), @class = "us_equity", exchange = "NASDAQ", symbol, name = symbol, status = "active",
                        tradable = !Untradable.Contains(symbol), marginable = true, shortable = true, easy_to_borrow = true, fractionable = true,
                    });
                default:
                    return (404, new { code = 40400000, message = "endpoint not found" });
            }
        }
    }

    private (int, object?) Submit(JsonObject? body)
    {
        if (body is null) return (422, new { code = 40010000, message = "invalid body" });
        var symbol = body["symbol"]?.GetValue<string>() ?? "";
        var side = body["side"]?.GetValue<string>() ?? "";
        var type = body["type"]?.GetValue<string>() ?? "";
        var tif = body["time_in_force"]?.GetValue<string>() ?? "";
        var clientOrderId = body["client_order_id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        if (!decimal.TryParse(body["qty"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var qty))
            return (422, new { code = 40010000, message = "qty is required" });
        decimal? limit = decimal.TryParse(body["limit_price"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var l) ? l : null;
        if (type == "limit" && limit is not > 0m) return (422, new { code = 40010000, message = "limit_price is required for limit orders" });
        if (type == "market" && limit is not null) return (422, new { code = 40010000, message = "limit_price must not be given for market orders" });
        lock (_gate)
        {
            if (clientOrderId.Length > 48) return (422, new { code = 40010000, message = "client_order_id must be no more than 48 characters" });
            if (_orders.Any(o => o.ClientOrderId == clientOrderId)) return (422, new { code = 40010001, message = "client_order_id must be unique" });
            if (side is not ("buy" or "sell")) return (422, new { code = 40010000, message = "invalid side" });
            if (type is not ("market" or "limit")) return (422, new { code = 40010000, message = "invalid order type" });
            if (tif is not ("day" or "gtc" or "ioc" or "fok" or "opg" or "cls")) return (422, new { code = 40010000, message = "invalid time_in_force" });
            if (qty <= 0m) return (422, new { code = 40010000, message = "qty must be > 0" });
            if (!_prices.TryGetValue(symbol, out var price) || Untradable.Contains(symbol))
                return (422, new { code = 40010000, message = $"asset \"{symbol}\" not found" });
            if (side == "buy")
            {
                var reserved = _orders.Where(o => o.IsOpen && o.Side == "buy").Sum(o => (o.Qty - o.FilledQty) * (o.LimitPrice ?? _prices[o.Symbol]));
                if (qty * (limit ?? price) > _cash - reserved) return (403, new { code = 40310000, message = "insufficient buying power" });
            }
            else
            {
                var held = _positions.TryGetValue(symbol, out var p) ? p.Qty : 0m;
                var offered = _orders.Where(o => o.IsOpen && o.Side == "sell" && o.Symbol == symbol).Sum(o => o.Qty - o.FilledQty);
                if (qty > held - offered)
                    return (403, new { code = 40310000, message = $"insufficient qty available for order (requested: {qty}, available: {held - offered})" });
            }
            var now = DateTimeOffset.UtcNow;
            var order = new FakeOrder($"{Interlocked.Increment(ref _nextId):D8}-0000-4000-8000-000000000000", clientOrderId, symbol, qty, side, type, tif, now)
            {
                LimitPrice = limit,
            };
            _orders.Add(order);
            Broadcast("new", order);
            return (200, order.ToWire());
        }
    }

    private object Account()
    {
        var marketValue = _positions.Sum(p => p.Value.Qty * _prices.GetValueOrDefault(p.Key, p.Value.Avg));
        return new
        {
            id = "e6fe16f3-64a4-4921-8928-cadf02f92f98", account_number = "PA0000000001", status = "ACTIVE", currency = "USD",
            cash = Money(_cash), portfolio_value = Money(_cash + marketValue), equity = Money(_cash + marketValue),
            buying_power = Money(_cash), long_market_value = Money(marketValue), last_equity = Money(_cash + marketValue),
            pattern_day_trader = false, trading_blocked = false, transfers_blocked = false, account_blocked = false,
        };
    }

    private object Position(string symbol, decimal qty, decimal avg)
    {
        var price = _prices.GetValueOrDefault(symbol, avg);
        return new
        {
            asset_id = Guid.Empty.ToString(), symbol, exchange = "NASDAQ", asset_class = "us_equity",
            avg_entry_price = Money(avg), qty = Money(Math.Abs(qty)), qty_available = Money(Math.Abs(qty)), side = qty < 0 ? "short" : "long",
            market_value = Money(qty * price), cost_basis = Money(qty * avg), unrealized_pl = Money(qty * (price - avg)),
            current_price = Money(price), lastday_price = Money(price), change_today = "0",
        };
    }

    internal static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task WriteAsync(HttpContext http, int status, object? body)
    {
        http.Response.StatusCode = status;
        if (body is null) return Task.CompletedTask;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class FakeOrder(string id, string clientOrderId, string symbol, decimal qty, string side, string type, string tif, DateTimeOffset created)
    {
        public string Id { get; } = id;
        public string ClientOrderId { get; } = clientOrderId;
        public string Symbol { get; } = symbol;
        public decimal Qty { get; } = qty;
        public string Side { get; } = side;
        public string Status { get; set; } = "accepted";
        public decimal FilledQty { get; set; }
        public decimal? FilledAvgPrice { get; set; }
        public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.MinValue;
        public DateTimeOffset? FilledAt { get; set; }
        public decimal? LimitPrice { get; init; }
        public string Type => type;

        /// <summary>Whether a trade at <paramref name="price"/> fills this order: always for a market order; for a limit, at or better.</summary>
        public bool Crossed(decimal price) => LimitPrice is not { } limit || (Side == "buy" ? price <= limit : price >= limit);

        public bool IsOpen => Status is "new" or "accepted" or "pending_new" or "partially_filled" or "done_for_day" or "pending_cancel";

        public object ToWire() => new
        {
            id = Id, client_order_id = ClientOrderId,
            created_at = created.ToString("O", CultureInfo.InvariantCulture), updated_at = (UpdatedAt == DateTimeOffset.MinValue ? created : UpdatedAt).ToString("O", CultureInfo.InvariantCulture),
            submitted_at = created.ToString("O", CultureInfo.InvariantCulture),
            filled_at = FilledAt?.ToString("O", CultureInfo.InvariantCulture), expired_at = (string?)null, canceled_at = (string?)null,
            failed_at = (string?)null, replaced_at = (string?)null, replaced_by = (string?)null, replaces = (string?)null,
            asset_id = Guid.Empty.ToString(), symbol = Symbol, asset_class = "us_equity", notional = (string?)null,
            qty = Money(Qty), filled_qty = Money(FilledQty), filled_avg_price = FilledAvgPrice is { } p ? Money(p) : null,
            order_class = "", order_type = type, type, side = Side, time_in_force = tif, limit_price = LimitPrice is { } limit ? Money(limit) : null, stop_price = (string?)null,
            status = Status, extended_hours = false, legs = (object?)null, trail_percent = (string?)null, trail_price = (string?)null, hwm = (string?)null,
        };
    }
}
