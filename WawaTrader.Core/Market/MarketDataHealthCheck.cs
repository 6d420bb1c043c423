using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Market;

/// <summary>
/// Is market data fresh? The wall time since the agent last received a new bar (<see cref="MarketFreshness"/>) against the
/// expected bar interval: a bar closes every <see cref="SimulationOptions.BarSeconds"/> (the simulated and replayed markets'
/// pace) and is read once per cycle (<see cref="TradingOptions.IntervalSeconds"/>), so the expected gap is the larger of the two.
/// Older than <see cref="StaleAfterIntervals"/> such gaps, and at least <see cref="MinimumStaleAfter"/> (a slow cycle on a busy
/// machine is not a market outage), is Degraded (the agent stays safe: no new bar, no decision), as is no
/// bar at all that long after start. A stopped agent reads no market and is Healthy with that said. With <c>Trading:Market=Alpaca</c>
/// it first asks whether Alpaca's Market Data API answers (<see cref="AlpacaMarketDataProbe"/>): when it does not, the data are
/// Degraded with that reason (whatever the agent's state); when it does, the reason says so and names the feed.
/// </summary>
public sealed class MarketDataHealthCheck(
    MarketFreshness freshness,
    AgentControl control,
    IMarketData market,
    IOptionsMonitor<SimulationOptions> simulation,
    IOptionsMonitor<TradingOptions> trading,
    TimeProvider time,
    AlpacaMarketDataProbe? alpaca = null) : IHealthCheck
{
    /// <summary>How many expected bar intervals may pass without a new bar before the data count as stale.</summary>
    public const int StaleAfterIntervals = 3;

    /// <summary>The shortest silence that counts as stale, however fast bars are expected.</summary>
    public static readonly TimeSpan MinimumStaleAfter = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (alpaca is null || !string.Equals(trading.CurrentValue.Market, "Alpaca", StringComparison.OrdinalIgnoreCase)) return Freshness();
        var api = await alpaca.CheckAsync(cancellationToken);
        if (!api.Answers)
            return HealthCheckResult.Degraded($"{api.Description} No new bars, so no decisions, until it answers.", data: new Dictionary<string, object>
            {
                ["market"] = market.Name,
                ["feed"] = api.Feed,
                ["alpacaMarketData"] = "not answering",
            });
        var fresh = Freshness();
        var data = new Dictionary<string, object>(fresh.Data) { ["feed"] = api.Feed, ["alpacaMarketData"] = "answering" };
        return new HealthCheckResult(fresh.Status, $"{api.Description} {fresh.Description}", fresh.Exception, data);
    }

    /// <summary>The freshness of the bars received (see the class remarks).</summary>
    private HealthCheckResult Freshness()
    {
        var expected = TimeSpan.FromSeconds(Math.Max(simulation.CurrentValue.BarSeconds, trading.CurrentValue.IntervalSeconds));
        var staleAfter = expected * StaleAfterIntervals > MinimumStaleAfter ? expected * StaleAfterIntervals : MinimumStaleAfter;
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>
        {
            ["market"] = market.Name,
            ["expectedIntervalSeconds"] = expected.TotalSeconds,
        };
        if (freshness.Newest is not { } newest)
        {
            if (!control.IsRunning) return Healthy($"{market.Name} market not read yet: the agent is {control.State}.", data);
            var waited = now - freshness.Since;
            return waited <= staleAfter
                ? HealthCheckResult.Healthy($"Waiting for the first bar from the {market.Name} market ({Seconds(waited)} s since start).", data)
                : HealthCheckResult.Degraded($"No bar from the {market.Name} market in {Seconds(waited)} s since start (expected one every {Seconds(expected)} s); no decisions are made.", data: data);
        }
        var age = now - newest.ReceivedAt;
        data["newestBarTime"] = newest.BarTime.ToString("O", CultureInfo.InvariantCulture);
        data["ageSeconds"] = Math.Round(age.TotalSeconds, 3);
        if (!control.IsRunning) return Healthy($"Agent {control.State}: the {market.Name} market is not being read (last bar {Seconds(age)} s ago).", data);
        return age <= staleAfter
            ? HealthCheckResult.Healthy($"Newest {market.Name} bar ({newest.BarTime:O}) arrived {Seconds(age)} s ago; one is expected every {Seconds(expected)} s.", data)
            : HealthCheckResult.Degraded($"Stale: the newest {market.Name} bar ({newest.BarTime:O}) arrived {Seconds(age)} s ago, more than the {Seconds(staleAfter)} s allowed (one is expected every {Seconds(expected)} s); no decisions are made meanwhile.", data: data);
    }

    private static HealthCheckResult Healthy(string description, Dictionary<string, object> data) => HealthCheckResult.Healthy(description, data);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}
