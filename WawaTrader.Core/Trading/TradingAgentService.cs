using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Diagnostics;

namespace WawaTrader.Core.Trading;

/// <summary>
/// The hosted service that owns the agent's timer: every <see cref="TradingOptions.IntervalSeconds"/> (read live) it runs
/// one <see cref="TradingCycle"/> while <see cref="AgentControl"/> says Running, and while only new orders are halted
/// (<see cref="AgentControl.HaltOrders"/>: the cycle records its decisions as not sent). A failed cycle is logged and published;
/// after <see cref="MaxConsecutiveFailures"/> failures in a row the agent halts (fail safe) until a user starts it again.
/// When it stops it waits for the records the last cycle left behind (<see cref="TradingCycle.RecordsBehind"/>) to be kept.
/// </summary>
public sealed class TradingAgentService(
    TradingCycle cycle,
    AgentControl control,
    AgentEventHub hub,
    IOptionsMonitor<TradingOptions> options,
    TimeProvider time,
    ILogger<TradingAgentService> logger,
    TradingMetrics? metrics = null) : BackgroundService
{
    public const int MaxConsecutiveFailures = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CurrentValue.StartOnLaunch) control.Start("Started on launch");
        using var timer = new PeriodicTimer(options.CurrentValue.Interval, time);
        var failures = 0;
        do
        {
            if (!control.IsAnalysing) // a halt of new orders only (broker outage) keeps analysing
            {
                failures = 0;
                continue;
            }
            var started = time.GetTimestamp();
            try
            {
                if (await cycle.RunIfAsync(() => control.IsAnalysing, stoppingToken) is not { } result) continue;
                failures = 0;
                var elapsed = time.GetElapsedTime(started);
                metrics?.CycleCompleted(elapsed, failed: false);
                Log.CycleCompleted(logger, result.Decisions, result.Orders, result.Failures, elapsed.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                metrics?.CycleCompleted(time.GetElapsedTime(started), failed: true);
                Log.CycleFailed(logger, ex, failures);
                hub.Publish(new CycleFailed(time.GetUtcNow().UtcDateTime, ex.Message));
                if (failures >= MaxConsecutiveFailures)
                {
                    var reason = $"{failures} cycles failed in a row; last error: {ex.Message}";
                    Log.AgentHalted(logger, reason);
                    control.Halt(reason);
                    failures = 0; // a user who starts the agent again gets a fresh count, even before the next tick
                }
            }
            finally
            {
                var interval = options.CurrentValue.Interval;
                if (timer.Period != interval) timer.Period = interval;
            }
        }
        while (await WaitAsync(timer, stoppingToken));
        // The last cycle's decisions kept behind it (TradingCycle.RecordsBehind) are kept and published before the agent stops.
        await cycle.RecordsKeptAsync(CancellationToken.None);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}
