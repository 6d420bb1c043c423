using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

public sealed class AgentControlTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 2, 15, 0, 0, TimeSpan.Zero));
    private readonly AgentEventHub _hub = new(NullLogger<AgentEventHub>.Instance);
    private readonly List<AgentStateChanged> _published = [];

    public AgentControlTests() => _hub.Subscribe(e => { if (e is AgentStateChanged c) _published.Add(c); });

    [Fact]
    public void Starts_stopped_since_it_was_created()
    {
        var control = new AgentControl(_hub, _time);

        Assert.Equal((AgentState.Stopped, null, false), (control.State, control.Reason, control.IsRunning));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, control.Since);
        Assert.Empty(_published);
    }

    [Fact]
    public void A_halt_of_new_orders_only_is_halted_but_keeps_analysing_until_a_start_stop_or_full_halt_ends_it()
    {
        var control = new AgentControl(_hub, _time);
        control.Start();

        control.HaltOrders("Alpaca has not answered for 130 s");
        Assert.Equal((AgentState.Halted, "Alpaca has not answered for 130 s", false, true, true),
            (control.State, control.Reason, control.IsRunning, control.OrdersOnlyHalt, control.IsAnalysing));

        control.Halt("Alpaca has not answered for 130 s"); // same state and reason, but now a full halt
        Assert.Equal((AgentState.Halted, false, false), (control.State, control.OrdersOnlyHalt, control.IsAnalysing));

        control.HaltOrders("outage");
        control.Stop();
        Assert.Equal((false, false), (control.OrdersOnlyHalt, control.IsAnalysing));
        control.HaltOrders("outage");
        control.Start();
        Assert.Equal((false, true), (control.OrdersOnlyHalt, control.IsAnalysing));
    }

    [Fact]
    public void Start_stop_and_halt_change_the_state_and_reason_and_publish_each_change()
    {
        var control = new AgentControl(_hub, _time);

        _time.Advance(TimeSpan.FromSeconds(1));
        control.Start();
        Assert.Equal((AgentState.Running, "Started by user", true), (control.State, control.Reason, control.IsRunning));
        var started = _time.GetUtcNow().UtcDateTime;
        Assert.Equal(started, control.Since);

        _time.Advance(TimeSpan.FromSeconds(1));
        control.Halt("broker unreachable");
        Assert.Equal((AgentState.Halted, "broker unreachable", false), (control.State, control.Reason, control.IsRunning));

        _time.Advance(TimeSpan.FromSeconds(1));
        control.Stop();
        Assert.Equal((AgentState.Stopped, "Stopped by user"), (control.State, control.Reason));

        Assert.Equal(
        [
            new AgentStateChanged(started, AgentState.Running, "Started by user"),
            new AgentStateChanged(started.AddSeconds(1), AgentState.Halted, "broker unreachable"),
            new AgentStateChanged(started.AddSeconds(2), AgentState.Stopped, "Stopped by user"),
        ], _published);
    }

    [Fact]
    public void Repeating_the_same_state_and_reason_publishes_nothing_and_keeps_since()
    {
        var control = new AgentControl(_hub, _time);
        control.Start("Started on launch");
        var since = control.Since;

        _time.Advance(TimeSpan.FromMinutes(1));
        control.Start("Started on launch");

        Assert.Single(_published);
        Assert.Equal(since, control.Since);
    }

    [Fact]
    public void The_same_state_with_a_new_reason_is_published()
    {
        var control = new AgentControl(_hub, _time);
        control.Start("Started on launch");

        control.Start("Started by user");

        Assert.Equal(["Started on launch", "Started by user"], _published.Select(e => e.Reason));
        Assert.Equal("Started by user", control.Reason);
    }
}
