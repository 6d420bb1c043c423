using Microsoft.Extensions.Logging.Abstractions;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

public sealed class AgentEventHubTests
{
    private static readonly DateTime T = new(2024, 1, 2, 15, 0, 0, DateTimeKind.Utc);

    private static AgentEventHub NewHub() => new(NullLogger<AgentEventHub>.Instance);

    [Fact]
    public void Every_subscriber_receives_each_event()
    {
        var hub = NewHub();
        List<AgentEvent> first = [], second = [];
        using var a = hub.Subscribe(first.Add);
        using var b = hub.Subscribe(second.Add);
        AgentEvent[] published = [new CycleFailed(T, "one"), new AgentStateChanged(T, AgentState.Running, "go")];

        foreach (var e in published) hub.Publish(e);

        Assert.Equal(published, first);
        Assert.Equal(published, second);
        Assert.Equal(2, hub.SubscriberCount);
    }

    [Fact]
    public void A_disposed_subscription_receives_nothing_more()
    {
        var hub = NewHub();
        List<AgentEvent> kept = [], dropped = [];
        using var keep = hub.Subscribe(kept.Add);
        var drop = hub.Subscribe(dropped.Add);
        hub.Publish(new CycleFailed(T, "before"));

        drop.Dispose();
        drop.Dispose();
        hub.Publish(new CycleFailed(T, "after"));

        Assert.Equal(["before"], dropped.Cast<CycleFailed>().Select(e => e.Message));
        Assert.Equal(["before", "after"], kept.Cast<CycleFailed>().Select(e => e.Message));
        Assert.Equal(1, hub.SubscriberCount);
    }

    [Fact]
    public void A_throwing_subscriber_does_not_stop_the_others_nor_stay_broken()
    {
        var hub = NewHub();
        var calls = 0;
        List<AgentEvent> received = [];
        using var bad = hub.Subscribe(_ =>
        {
            calls++;
            throw new InvalidOperationException("subscriber bug");
        });
        using var good = hub.Subscribe(received.Add);

        hub.Publish(new CycleFailed(T, "one"));
        hub.Publish(new CycleFailed(T, "two"));

        Assert.Equal(2, received.Count);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Subscribing_with_the_same_handler_twice_delivers_twice_until_each_is_disposed()
    {
        var hub = NewHub();
        var count = 0;
        void Handler(AgentEvent _) => count++;
        var first = hub.Subscribe(Handler);
        using var second = hub.Subscribe(Handler);

        hub.Publish(new CycleFailed(T, "x"));
        first.Dispose();
        hub.Publish(new CycleFailed(T, "y"));

        Assert.Equal(3, count);
    }
}
