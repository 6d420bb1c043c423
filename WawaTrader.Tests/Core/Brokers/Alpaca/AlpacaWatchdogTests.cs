using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Brokers.Alpaca;
using WawaTrader.Core.Trading;

namespace WawaTrader.Tests.Core.Brokers.Alpaca;

/// <summary>An outage longer than Alpaca:HaltAfter halts the agent; Alpaca answering again reconciles and resumes it.</summary>
public sealed class AlpacaWatchdogTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static async Task<(AlpacaBrokerHarness Harness, FakeTimeProvider Time)> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        var harness = await AlpacaBrokerHarness.StartAsync(
            new Dictionary<string, string?> { ["Alpaca:MaxRetries"] = "0", ["Alpaca:HaltAfter"] = "00:02:00" },
            s => s.AddSingleton<TimeProvider>(time).AddSingleton<IDecisionJournal>(new InMemoryDecisionJournal())
                .AddSingleton<AgentEventHub>().AddSingleton<AgentControl>());
        harness.Fake.SetPrice("AAPL", 100m);
        return (harness, time);
    }

    [Fact]
    public async Task An_outage_longer_than_halt_after_halts_the_agent_saying_why_and_it_resumes_after_reconciling()
    {
        var (harness, time) = await StartAsync();
        await using var _ = harness;
        var watchdog = harness.Services.GetRequiredService<AlpacaWatchdog>();
        var control = harness.Services.GetRequiredService<AgentControl>();
        var log = harness.Services.GetRequiredService<ReconciliationLog>();
        control.Start();
        await watchdog.CheckAsync(Ct);
        var reconciledAtStart = log.LastRun;

        harness.Fake.Down = true;
        await watchdog.CheckAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(90));
        await watchdog.CheckAsync(Ct);
        var stateWithinHaltAfter = control.State;
        time.Advance(TimeSpan.FromSeconds(40));
        await watchdog.CheckAsync(Ct);
        var (haltedState, haltedReason, ordersOnly) = (control.State, control.Reason, control.OrdersOnlyHalt);

        harness.Fake.Down = false;
        time.Advance(TimeSpan.FromSeconds(10));
        await watchdog.CheckAsync(Ct);

        Assert.NotNull(reconciledAtStart);
        Assert.Equal(AgentState.Running, stateWithinHaltAfter);
        Assert.Equal(AgentState.Halted, haltedState);
        Assert.Contains("Alpaca has not answered for 130 s", haltedReason);
        Assert.True(ordersOnly, "an outage halts new orders only: the agent keeps analysing");
        Assert.Equal(AgentState.Running, control.State);
        Assert.False(control.OrdersOnlyHalt);
        Assert.Contains("reconciled", control.Reason);
        Assert.True(log.LastRun > reconciledAtStart);
        Assert.True(harness.Status.Answering);
    }

    [Fact]
    public async Task A_5xx_burst_that_lasts_halt_after_does_not_halt_and_one_lasting_longer_does()
    {
        var (harness, time) = await StartAsync();
        await using var _ = harness;
        var watchdog = harness.Services.GetRequiredService<AlpacaWatchdog>();
        var control = harness.Services.GetRequiredService<AgentControl>();
        control.Start();
        await watchdog.CheckAsync(Ct);

        async Task FailAfterAsync(TimeSpan wait, int status)
        {
            time.Advance(wait);
            harness.Fake.EnqueueFault("GET", new Fakes.TradingFault.Error(status, "burst"), "/v2/clock");
            await watchdog.CheckAsync(Ct);
        }
        // A burst of exactly Alpaca:HaltAfter (2 minutes from the first failure to the last), then an answer.
        await FailAfterAsync(TimeSpan.Zero, 500);
        await FailAfterAsync(TimeSpan.FromSeconds(60), 502);
        await FailAfterAsync(TimeSpan.FromSeconds(60), 503);
        var atHaltAfter = control.State;
        time.Advance(TimeSpan.FromSeconds(5));
        await watchdog.CheckAsync(Ct);
        var afterFirstBurst = (control.State, harness.Status.Answering);
        // A burst one second longer.
        await FailAfterAsync(TimeSpan.FromSeconds(5), 503);
        await FailAfterAsync(TimeSpan.FromSeconds(60), 500);
        await FailAfterAsync(TimeSpan.FromSeconds(61), 502);

        Assert.Equal(AgentState.Running, atHaltAfter);
        Assert.Equal((AgentState.Running, (bool?)true), afterFirstBurst);
        Assert.Equal(AgentState.Halted, control.State);
        Assert.Contains("Alpaca has not answered for 121 s", control.Reason);
    }

    [Fact]
    public async Task A_stopped_agent_is_not_started_by_alpaca_answering_again()
    {
        var (harness, time) = await StartAsync();
        await using var _ = harness;
        var watchdog = harness.Services.GetRequiredService<AlpacaWatchdog>();
        var control = harness.Services.GetRequiredService<AgentControl>();
        control.Stop("Stopped by user");

        harness.Fake.Down = true;
        await watchdog.CheckAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(5));
        await watchdog.CheckAsync(Ct);
        harness.Fake.Down = false;
        await watchdog.CheckAsync(Ct);

        Assert.Equal((AgentState.Stopped, "Stopped by user"), (control.State, control.Reason));
    }

    [Fact]
    public async Task The_clock_read_says_when_the_market_opens()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        harness.Fake.MarketOpen = false;
        var watchdog = harness.Services.GetRequiredService<AlpacaWatchdog>();

        await watchdog.CheckAsync(Ct);

        Assert.False(watchdog.LastClock!.IsOpen);
        Assert.True(watchdog.LastClock.NextOpen > watchdog.LastClock.Time);
    }
}
