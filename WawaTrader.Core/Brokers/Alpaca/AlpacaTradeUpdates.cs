using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>
/// Alpaca's <c>trade_updates</c> stream (WebSocket <c>{TradingUrl}/stream</c>, with <c>http</c> read as <c>ws</c>): authenticates with
/// the keys, listens, and brings each open order of our journal up to date the moment Alpaca reports it (new, partial fill, fill,
/// canceled, expired, ...), published as <see cref="OrderUpdated"/>. Polling of open orders by the cycle and the reconciler stays
/// the safety net: after every reconnect the <see cref="AlpacaReconciler"/> runs, so a fill that happened while the stream was down
/// is recovered. A dropped stream is reconnected after <see cref="AlpacaOptions.RetryBaseDelay"/>, doubled up to a minute.
/// Runs only with <c>Trading:Broker=Alpaca</c>. The keys go only into the authentication message, never into a log line.
/// </summary>
public sealed class AlpacaTradeUpdates(
    AlpacaBroker broker,
    AlpacaReconciler reconciler,
    IDecisionJournal journal,
    AgentEventHub hub,
    IOptionsMonitor<AlpacaOptions> options,
    IOptions<TradingOptions> trading,
    TimeProvider time,
    ILogger<AlpacaTradeUpdates> logger) : BackgroundService
{
    /// <summary>True while the stream is connected and listening.</summary>
    public bool Listening { get; private set; }

    /// <summary>How many trade updates were applied to our records.</summary>
    public int UpdatesApplied => _applied;

    private int _applied;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!BrokersServiceCollectionExtensions.IsAlpaca(trading.Value) || !options.CurrentValue.HasKeys) return;
        var failures = 0;
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                await ConnectAsync(socket, stoppingToken);
                Listening = true;
                failures = 0;
                if (connectedBefore) await reconciler.ReconcileAsync(atStartUp: false, stoppingToken); // what the gap missed
                connectedBefore = true;
                await ReceiveAsync(socket, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.StreamDropped(logger, ex.Message);
            }
            finally
            {
                Listening = false;
            }
            var delay = TimeSpan.FromTicks(Math.Min(options.CurrentValue.RetryBaseDelay.Ticks * (1L << Math.Min(failures++, 10)), TimeSpan.TicksPerMinute));
            try { await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(10), time, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    private async Task ConnectAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var url = new UriBuilder(settings.TradingUrl.TrimEnd('/') + "/stream");
        url.Scheme = url.Scheme == Uri.UriSchemeHttp ? "ws" : "wss";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        await socket.ConnectAsync(url.Uri, timeout.Token);
        await SendAsync(socket, JsonSerializer.Serialize(new StreamAuth("auth", settings.KeyId!.Trim(), settings.SecretKey!.Trim()), StreamJsonContext.Default.StreamAuth), timeout.Token);
        if (!IsStatus(await ReadMessageAsync(socket, timeout.Token), "authorization", "authorized"))
            throw new AlpacaException(AlpacaFailure.KeysRefused, "Alpaca's trade_updates stream refused the keys.");
        await SendAsync(socket, """{"action":"listen","data":{"streams":["trade_updates"]}}""", timeout.Token);
        if (!IsStatus(await ReadMessageAsync(socket, timeout.Token), "listening", null))
            throw new AlpacaException(AlpacaFailure.InvalidResponse, "Alpaca's trade_updates stream did not confirm listening.");
        Log.StreamListening(logger);
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        while (socket.State == WebSocketState.Open)
        {
            var message = await ReadMessageAsync(socket, cancellationToken);
            if (message is null) return;
            var update = JsonSerializer.Deserialize(message, StreamJsonContext.Default.StreamMessage);
            if (update?.Stream != "trade_updates" || update.Data?.Order is not { } wire) continue;
            await ApplyAsync(wire, cancellationToken);
        }
    }

    private async Task ApplyAsync(AlpacaWireOrder wire, CancellationToken cancellationToken)
    {
        var ours = (await journal.GetOpenOrdersAsync(cancellationToken)).FirstOrDefault(o => o.ClientOrderId == wire.ClientOrderId);
        if (ours is null) return; // not ours, or already final: the reconciler reports foreign orders
        var updated = TradingCycle.Apply(ours, broker.Observe(wire));
        if (updated.Status == ours.Status && updated.Fills.Sum(f => f.Quantity) == ours.Fills.Sum(f => f.Quantity)) return;
        await journal.UpdateOrderAsync(updated, cancellationToken);
        Interlocked.Increment(ref _applied);
        hub.Publish(new OrderUpdated(time.GetUtcNow().UtcDateTime, updated));
    }

    private static bool IsStatus(string? message, string stream, string? status)
    {
        if (message is null) return false;
        var parsed = JsonSerializer.Deserialize(message, StreamJsonContext.Default.StreamMessage);
        return parsed?.Stream == stream && (status is null || parsed.Data?.Status == status);
    }

    private static Task SendAsync(ClientWebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>One whole message (text or binary: Alpaca sends both), or null when the server closed the stream.</summary>
    private static async Task<string?> ReadMessageAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (message.Length > 1_000_000) throw new InvalidOperationException("A trade_updates message exceeded 1 MB.");
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }
}

internal sealed record StreamAuth(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("secret")] string Secret);

/// <summary>A message of the stream: <c>{"stream": "...", "data": {...}}</c>.</summary>
internal sealed record StreamMessage(
    [property: JsonPropertyName("stream")] string? Stream,
    [property: JsonPropertyName("data")] StreamData? Data);

/// <summary>The data of an authorization, listening or trade update message (only the fields read).</summary>
internal sealed record StreamData(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("order")] AlpacaWireOrder? Order);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(StreamAuth))]
[JsonSerializable(typeof(StreamMessage))]
internal sealed partial class StreamJsonContext : JsonSerializerContext;
