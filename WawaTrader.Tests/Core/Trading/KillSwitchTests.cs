using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Brokers;
using WawaTrader.Tests.Fakes;

namespace WawaTrader.Tests.Core.Trading;

public sealed class KillSwitchTests
{
    private readonly PaperHarness _paper = new(PaperHarness.Costs());
    private readonly AgentEventHub _hub = new(NullLogger<AgentEventHub>.Instance);
    private readonly List<AgentEvent> _published = [];
    private readonly AgentControl _agent;
    private readonly KillSwitch _killSwitch;

    public KillSwitchTests()
    {
        _hub.Subscribe(_published.Add);
        _agent = new AgentControl(_hub, _paper.Time);
        _killSwitch = new KillSwitch(_agent, _paper.Broker);
    }

    /// <summary>Two market orders sent after a bar of their symbol: the paper broker keeps them open until the next bar.</summary>
    private async Task TwoOpenOrdersAsync()
    {
        await _paper.BarAsync("AAPL", 100m, 100m);
        await _paper.BarAsync("MSFT", 400m, 400m);
        await _paper.BuyAsync("o-1", "AAPL", 10);
        await _paper.BuyAsync("o-2", "MSFT", 5);
    }

    [Fact]
    public async Task Stops_the_running_agent_with_the_reason()
    {
        _agent.Start();

        await _killSwitch.EngageAsync("Kill switch: market looks wrong", CancellationToken.None);

        Assert.Equal((AgentState.Stopped, "Kill switch: market looks wrong"), (_agent.State, _agent.Reason));
    }

    [Fact]
    public async Task Cancels_every_open_order_and_returns_how_many()
    {
        await TwoOpenOrdersAsync();
        _agent.Start();

        var canceled = await _killSwitch.EngageAsync("Kill switch", CancellationToken.None);

        Assert.Equal(2, canceled);
        Assert.Equal(OrderStatus.Canceled, (await _paper.OrderAsync("o-1")).Status);
        Assert.Equal(OrderStatus.Canceled, (await _paper.OrderAsync("o-2")).Status);
    }

    [Fact]
    public async Task A_canceled_order_is_never_filled_by_the_next_bar()
    {
        await _paper.BarAsync("AAPL", 100m, 100m);
        await _paper.BuyAsync("o-1", "AAPL", 10);
        Assert.Equal(OrderStatus.Accepted, (await _paper.OrderAsync("o-1")).Status);
        await _killSwitch.EngageAsync("Kill switch", CancellationToken.None);

        await _paper.BarAsync("AAPL", 100m, 101m);

        Assert.Empty((await _paper.AccountAsync()).Positions);
        Assert.Empty((await _paper.OrderAsync("o-1")).Fills);
    }

    [Fact]
    public async Task Returns_zero_when_no_order_is_open()
    {
        _agent.Start();

        Assert.Equal(0, await _killSwitch.EngageAsync("Kill switch", CancellationToken.None));
        Assert.Equal(AgentState.Stopped, _agent.State);
    }

    [Fact]
    public async Task Publishes_only_the_state_change_of_the_stop()
    {
        await TwoOpenOrdersAsync();
        _agent.Start();
        _published.Clear();

        await _killSwitch.EngageAsync("Kill switch", CancellationToken.None);

        var changed = Assert.IsType<AgentStateChanged>(Assert.Single(_published));
        Assert.Equal((AgentState.Stopped, "Kill switch"), (changed.State, changed.Reason));
    }

    [Fact]
    public async Task Stops_the_agent_before_the_broker_is_asked_so_a_failing_broker_still_leaves_it_stopped()
    {
        await TwoOpenOrdersAsync();
        _agent.Start();
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _killSwitch.EngageAsync("Kill switch", canceled.Token));

        Assert.Equal(AgentState.Stopped, _agent.State);
        Assert.Equal(OrderStatus.Accepted, (await _paper.OrderAsync("o-1")).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Refuses_an_empty_reason_without_stopping(string reason)
    {
        _agent.Start();

        await Assert.ThrowsAsync<ArgumentException>(() => _killSwitch.EngageAsync(reason, CancellationToken.None));

        Assert.Equal(AgentState.Running, _agent.State);
    }

    [Fact]
    public void AddTrading_registers_one_kill_switch_over_the_agent_control()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTrading(new ConfigurationBuilder().Build());

        var registration = Assert.Single(services, d => d.ServiceType == typeof(KillSwitch));

        Assert.Equal(ServiceLifetime.Singleton, registration.Lifetime);
    }
}
