using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Tests.Core.Risk;
using WawaTrader.Tests.Core.Trading;

namespace WawaTrader.Tests.Core.Market;

public sealed class MarketDataHealthCheckTests
{
    private static readonly DateTime BarTime = new(2024, 1, 2, 15, 30, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 2, 15, 30, 0, TimeSpan.Zero));
    private readonly MarketFreshness _freshness;
    private readonly AgentControl _control;
    private readonly MarketDataHealthCheck _check;

    public MarketDataHealthCheckTests()
    {
        _freshness = new MarketFreshness(_time);
        _control = new AgentControl(new AgentEventHub(NullLogger<AgentEventHub>.Instance), _time);
        _control.Start();
        // Bars every 20 s, read every 5 s: a new bar is expected every 20 s and data are stale after 60 s.
        _check = new MarketDataHealthCheck(_freshness, _control, new ScriptedMarket(),
            new TestOptionsMonitor<SimulationOptions>(new SimulationOptions { BarSeconds = 20 }),
            new TestOptionsMonitor<TradingOptions>(new TradingOptions { IntervalSeconds = 5 }), _time);
    }

    [Fact]
    public async Task A_bar_received_within_three_expected_intervals_is_fresh()
    {
        _freshness.BarReceived(BarTime);
        _time.Advance(TimeSpan.FromSeconds(59));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task No_new_bar_for_longer_than_three_expected_intervals_is_degraded_with_the_age()
    {
        _freshness.BarReceived(BarTime);
        _time.Advance(TimeSpan.FromSeconds(61));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("61 s ago", result.Description);
    }

    [Fact]
    public async Task An_older_bar_arriving_late_does_not_refresh_the_newest()
    {
        _freshness.BarReceived(BarTime);
        _time.Advance(TimeSpan.FromSeconds(61));
        _freshness.BarReceived(BarTime.AddMinutes(-1));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task No_bar_at_all_long_after_start_is_degraded()
    {
        _time.Advance(TimeSpan.FromSeconds(61));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("No bar", result.Description);
    }

    [Fact]
    public async Task Fast_bars_are_stale_only_after_the_thirty_second_minimum()
    {
        var fast = new MarketDataHealthCheck(_freshness, _control, new ScriptedMarket(),
            new TestOptionsMonitor<SimulationOptions>(new SimulationOptions { BarSeconds = 0.1 }),
            new TestOptionsMonitor<TradingOptions>(new TradingOptions { IntervalSeconds = 0.2 }), _time);
        _freshness.BarReceived(BarTime);
        _time.Advance(TimeSpan.FromSeconds(29));
        var early = await fast.CheckHealthAsync(new HealthCheckContext());
        _time.Advance(TimeSpan.FromSeconds(2));

        var late = await fast.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Healthy, HealthStatus.Degraded), (early.Status, late.Status));
    }

    [Fact]
    public async Task A_stopped_agent_reads_no_market_and_is_healthy_saying_so()
    {
        _freshness.BarReceived(BarTime);
        _control.Stop();
        _time.Advance(TimeSpan.FromMinutes(10));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("Stopped", result.Description);
    }

    private Task<HealthCheckResult> CheckAsync() => _check.CheckHealthAsync(new HealthCheckContext());
}
