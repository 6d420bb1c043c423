using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Trading;

/// <summary>
/// Publishes engine events to subscribers (Blazor circuits, alerts). Publishing never blocks the engine:
/// each handler is called synchronously and must only schedule its work (a component calls
/// <c>InvokeAsync</c> without awaiting); a handler that throws is dropped from that one event, not from the hub.
/// </summary>
public sealed class AgentEventHub(ILogger<AgentEventHub> logger)
{
    private ImmutableArray<Action<AgentEvent>> _handlers = [];

    /// <summary>Subscribes; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Action<AgentEvent> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, static (h, x) => h.Add(x), handler);
        return new Subscription(this, handler);
    }

    public void Publish(AgentEvent agentEvent)
    {
        foreach (var handler in _handlers)
        {
            try { handler(agentEvent); }
            catch (Exception ex) { logger.LogWarning(ex, "A subscriber failed to handle {EventType}", agentEvent.GetType().Name); }
        }
    }

    public int SubscriberCount => _handlers.Length;

    private sealed class Subscription(AgentEventHub hub, Action<AgentEvent> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                ImmutableInterlocked.Update(ref hub._handlers, static (h, x) => h.Remove(x), handler);
        }
    }
}
