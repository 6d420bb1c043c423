using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Market.Alpaca;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Brokers.Alpaca;

/// <summary>
/// Watches Alpaca for the agent while <c>Trading:Broker=Alpaca</c>: every <see cref="CheckInterval"/> it reads Alpaca's clock
/// (kept as <see cref="LastClock"/> for the dashboard's "Market closed, opens at ..."), reconciles at start-up and every
/// <see cref="AlpacaOptions.ReconcileEvery"/> (<see cref="AlpacaReconciler"/>), halts the agent when Alpaca has not answered for longer than
/// <see cref="AlpacaOptions.HaltAfter"/> (state Halted for new orders only — <see cref="AgentControl.HaltOrders"/>: the agent keeps
/// analysing and records its decisions as not sent — the reason naming Alpaca), and — when Alpaca answers again — reconciles
/// and then starts the agent again, if it was halted because of Alpaca (by this watchdog, or by the cycle's own failures whose
/// reason names Alpaca). A halt by a user or for another reason is never undone here. Time from the injected TimeProvider.
/// </summary>
public sealed class AlpacaWatchdog(
    AlpacaBroker broker,
    AlpacaStatus status,
    AlpacaReconciler reconciler,
    AgentControl control,
    IOptionsMonitor<AlpacaOptions> options,
    IOptions<TradingOptions> trading,
    TimeProvider time,
    ILogger<AlpacaWatchdog> logger) : BackgroundService
{
    private bool _reconciledAtStart;
    private DateTime _lastReconciled = DateTime.MinValue;
    private bool _haltedByUs;

    /// <summary>How often Alpaca is checked: a quarter of <see cref="AlpacaOptions.HaltAfter"/>, between 1 and 30 seconds.</summary>
    public TimeSpan CheckInterval => TimeSpan.FromTicks(Math.Clamp(options.CurrentValue.HaltAfter.Ticks / 4, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));

    /// <summary>Alpaca's clock as last read, or null before the first answer.</summary>
    public AlpacaClock? LastClock { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!BrokersServiceCollectionExtensions.IsAlpaca(trading.Value)) return; // the paper broker needs no watching
        using var timer = new PeriodicTimer(CheckInterval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.CheckFailed(logger, ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One check: read the clock; halt on a long outage; reconcile when due (or resuming) and resume after it.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        try
        {
            LastClock = await broker.GetClockAsync(cancellationToken);
        }
        catch (AlpacaException ex) when (ex.Failure is AlpacaFailure.Unavailable)
        {
            var outage = status.Outage;
            if (outage > settings.HaltAfter && control.State != AgentState.Halted)
            {
                var reason = $"Alpaca has not answered for {outage.TotalSeconds:0} s ({ex.Message}); new orders halted until it answers again.";
                _haltedByUs = control.IsRunning;
                if (_haltedByUs)
                {
                    control.HaltOrders(reason);
                    Log.Halted(logger, outage, reason);
                }
            }
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var resuming = control.State == AgentState.Halted && (_haltedByUs || (control.Reason?.Contains("Alpaca", StringComparison.Ordinal) ?? false));
        if (!_reconciledAtStart || resuming || now - _lastReconciled >= settings.ReconcileEvery)
        {
            await reconciler.ReconcileAsync(atStartUp: !_reconciledAtStart, cancellationToken);
            _reconciledAtStart = true;
            _lastReconciled = now;
        }
        if (resuming)
        {
            _haltedByUs = false;
            control.Start("Alpaca answers again; reconciled and resumed");
            Log.Resumed(logger);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}
