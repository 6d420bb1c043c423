using Microsoft.Extensions.Logging.Abstractions;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>
/// The hosted loop around the cycle, on a fake clock: a cycle runs at start (when running) and then once per interval of
/// fake time; tests advance the clock and wait for the published effect (each cycle ends with a PortfolioUpdated).
/// </summary>
[Trait("Category", "Slow")]
public sealed class TradingAgentServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Starts_on_launch_and_runs_a_cycle_at_start_and_each_interval()
    {
        await using var agent = await Agent.StartAsync(startOnLaunch: true);

        Assert.Equal(1, agent.Cycles);
        Assert.Equal((AgentState.Running, "Started on launch"), (agent.Control.State, agent.Control.Reason));
        await agent.NextCycleAsync();
        await agent.NextCycleAsync();
        Assert.Equal(3, agent.Cycles);
    }

    [Fact]
    public async Task Runs_no_cycle_until_started_when_not_started_on_launch()
    {
        await using var agent = await Agent.StartAsync(startOnLaunch: false);

        await agent.LetIntervalsPassAsync(3);
        Assert.Equal(AgentState.Stopped, agent.Control.State);
        Assert.Equal(0, agent.Cycles);

        agent.Control.Start();
        await agent.NextCycleAsync();
        Assert.Equal(AgentState.Running, agent.Control.State);
    }

    [Fact]
    public async Task Stopping_the_agent_stops_its_cycles_until_it_is_started_again()
    {
        await using var agent = await Agent.StartAsync(startOnLaunch: true);

        agent.Control.Stop();
        await agent.LetIntervalsPassAsync(3);
        Assert.Equal(1, agent.Cycles);

        agent.Control.Start();
        await agent.NextCycleAsync();
    }

    [Fact]
    public async Task Halts_with_a_reason_after_five_failed_cycles_in_a_row()
    {
        await using var agent = await Agent.StartAsync(startOnLaunch: true, brokerDown: true);

        while (agent.Failures < TradingAgentService.MaxConsecutiveFailures)
        {
            Assert.Equal(AgentState.Running, agent.Control.State);
            await agent.NextFailureAsync();
        }
        await Eventually.UntilAsync(() => agent.Control.State == AgentState.Halted, "the agent to halt");

        Assert.Equal("5 cycles failed in a row; last error: broker unreachable", agent.Control.Reason);
        var halted = Assert.Single(agent.Harness.EventsOf<AgentStateChanged>(), e => e.State == AgentState.Halted);
        Assert.Equal(agent.Control.Reason, halted.Reason);
        await agent.LetIntervalsPassAsync(2);
        Assert.Equal(TradingAgentService.MaxConsecutiveFailures, agent.Failures);
    }

    [Fact]
    public async Task A_successful_cycle_resets_the_count_of_failures_in_a_row()
    {
        await using var agent = await Agent.StartAsync(startOnLaunch: true, brokerDown: true);
        while (agent.Failures < 4) await agent.NextFailureAsync();

        agent.Harness.Broker.FailAccount = false;
        await agent.NextCycleAsync();
        agent.Harness.Broker.FailAccount = true;
        while (agent.Failures < 8) await agent.NextFailureAsync();
        agent.Harness.Broker.FailAccount = false;

        await agent.NextCycleAsync(); // a halted agent would never get here
        Assert.Equal(AgentState.Running, agent.Control.State);
    }

    [Fact]
    public async Task A_halted_agent_started_again_gets_five_fresh_failures_before_halting_again()
    {
        await using var agent = await Agent.StartAsync(startOnLaunch: true, brokerDown: true);
        while (agent.Failures < 5) await agent.NextFailureAsync();
        await Eventually.UntilAsync(() => agent.Control.State == AgentState.Halted, "the agent to halt");

        agent.Control.Start(); // a user starts it again at once, before the next tick
        while (agent.Failures < 9) await agent.NextFailureAsync(); // a halted agent would never get here
        Assert.Equal(AgentState.Running, agent.Control.State);

        await agent.NextFailureAsync();
        await Eventually.UntilAsync(() => agent.Control.State == AgentState.Halted, "the agent to halt again");
        Assert.Equal(2, agent.Harness.EventsOf<AgentStateChanged>().Count(e => e.State == AgentState.Halted));
    }

    [Fact]
    public async Task A_halt_of_new_orders_keeps_the_cycles_running_but_a_user_stop_or_a_full_halt_stops_them()
    {
        await using var agent = await Agent.StartAsync(startOnLaunch: true);

        agent.Control.HaltOrders("Alpaca has not answered for 130 s; new orders halted until it answers again.");
        await agent.NextCycleAsync(); // a halted agent that stopped analysing would never get here
        await agent.NextCycleAsync();
        Assert.Equal(AgentState.Halted, agent.Control.State);

        agent.Control.Stop();
        await agent.LetIntervalsPassAsync(3);
        Assert.Equal(3, agent.Cycles);

        agent.Control.HaltOrders("Alpaca has not answered for 130 s");
        await agent.NextCycleAsync();
        agent.Control.Halt("5 cycles failed in a row; last error: journal unavailable");
        await agent.LetIntervalsPassAsync(3);
        Assert.Equal(4, agent.Cycles);
    }

    /// <summary>
    /// A <see cref="TradingAgentService"/> over a <see cref="CycleHarness"/> with one symbol, started by the test (when it
    /// starts on launch, after its first cycle has ended) and stopped on dispose. The clock moves one interval at a time
    /// and only after the previous cycle's effect was seen, so no tick is coalesced with another.
    /// </summary>
    private sealed class Agent : IAsyncDisposable
    {
        private readonly TradingAgentService _service;

        private Agent(bool startOnLaunch, bool brokerDown)
        {
            Harness = new CycleHarness(null, "AAPL");
            Harness.ServeHistory("AAPL");
            Harness.Trading.CurrentValue.StartOnLaunch = startOnLaunch;
            Harness.Trading.CurrentValue.IntervalSeconds = Interval.TotalSeconds;
            Harness.Broker.FailAccount = brokerDown;
            Control = Harness.Agent; // the state the cycle reads too
            _service = new TradingAgentService(Harness.Cycle, Control, Harness.Hub, Harness.Trading, Harness.Time,
                NullLogger<TradingAgentService>.Instance);
        }

        public CycleHarness Harness { get; }

        public AgentControl Control { get; }

        /// <summary>Cycles completed (each publishes one PortfolioUpdated).</summary>
        public int Cycles => Harness.EventsOf<PortfolioUpdated>().Count;

        /// <summary>Cycles failed (each publishes one CycleFailed).</summary>
        public int Failures => Harness.EventsOf<CycleFailed>().Count;

        public static async Task<Agent> StartAsync(bool startOnLaunch, bool brokerDown = false)
        {
            var agent = new Agent(startOnLaunch, brokerDown);
            await agent._service.StartAsync(CancellationToken.None);
            if (startOnLaunch) await Eventually.UntilAsync(() => agent.Cycles + agent.Failures == 1, "the cycle run on launch");
            return agent;
        }

        /// <summary>Moves the clock one interval and waits for the cycle it triggers to complete.</summary>
        public async Task NextCycleAsync()
        {
            var next = Cycles + 1;
            Harness.Time.Advance(Interval);
            await Eventually.UntilAsync(() => Cycles >= next, $"completed cycle {next}");
        }

        /// <summary>Moves the clock one interval and waits for the cycle it triggers to fail.</summary>
        public async Task NextFailureAsync()
        {
            var next = Failures + 1;
            Harness.Time.Advance(Interval);
            await Eventually.UntilAsync(() => Failures >= next, $"failed cycle {next}");
        }

        /// <summary>Moves the clock <paramref name="count"/> intervals, letting the loop see each tick.</summary>
        public async Task LetIntervalsPassAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Harness.Time.Advance(Interval);
                await Eventually.SettleAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _service.StopAsync(CancellationToken.None);
            _service.Dispose();
        }
    }
}
