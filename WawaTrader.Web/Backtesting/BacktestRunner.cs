using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// Runs backtests off the request thread, one at a time in the order queued (the engine itself uses the cores). A queued run is
/// saved at once (status <see cref="BacktestStatus.Queued"/>), saved again when it starts and when it ends (with its result or
/// error); progress lives in memory while it runs and is published through <see cref="Changed"/> in steps of at least 1%.
/// At start-up, runs a previous process left queued or running are marked failed. Stopping the app cancels the running one.
/// </summary>
public sealed class BacktestRunner(BacktestEngine engine, IBacktestStore store, TimeProvider time, ILogger<BacktestRunner> logger)
    : BackgroundService
{
    /// <summary>The error of a run the previous process did not finish.</summary>
    public const string InterruptedError = "The app stopped before this run finished.";

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, Job> _active = new();

    /// <summary>Raised (on a background thread) when a run is queued, starts, progresses by ≥ 1% or ends.</summary>
    public event Action<BacktestRun>? Changed;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await store.FailUnfinishedAsync(InterruptedError, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (count > 0) Log.Interrupted(logger, count);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Queues a backtest; <paramref name="sources"/> names where each series came from (file path or upload name).</summary>
    public async Task<BacktestRun> EnqueueAsync(BacktestRequest request, IReadOnlyList<string>? sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new BacktestRun(Guid.NewGuid(), time.GetUtcNow().UtcDateTime, BacktestStatus.Queued, 0, BacktestSettings.Of(request, sources));
        var job = new Job(request, run);
        await store.SaveAsync(run, cancellationToken);
        _active[run.Id] = job;
        Log.Queued(logger, run.Id, run.Settings.Strategy, string.Join(",", run.Settings.Symbols));
        await _queue.Writer.WriteAsync(job, cancellationToken);
        Publish(run);
        return run;
    }

    /// <summary>Asks a queued or running backtest to stop; false when it is not (or no longer) active.</summary>
    public bool Cancel(Guid id)
    {
        if (!_active.TryGetValue(id, out var job) || job.Run.IsFinal) return false;
        try { job.Cancellation.Cancel(); }
        catch (ObjectDisposedException) { return false; }
        return true;
    }

    /// <summary>The run with its live progress while active, else as stored; null when unknown.</summary>
    public async Task<BacktestRun?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        _active.TryGetValue(id, out var job) ? job.Run : await store.GetAsync(id, cancellationToken);

    /// <summary>The newest runs first as stored, with the live status and progress of the active ones.</summary>
    public async Task<IReadOnlyList<BacktestRunSummary>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var stored = await store.ListAsync(limit, cancellationToken);
        return stored.Select(s => _active.TryGetValue(s.Id, out var job) ? s with { Status = job.Run.Status, Progress = job.Run.Progress } : s).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            foreach (var job in _active.Values) await EndAsync(job, job.Run with { Status = BacktestStatus.Canceled, Error = "The app stopped." });
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Cancellation.Token);
        var ct = linked.Token;
        var watch = Stopwatch.StartNew();
        if (ct.IsCancellationRequested)
        {
            await EndAsync(job, job.Run with { Status = BacktestStatus.Canceled });
            return;
        }
        job.Run = job.Run with { Status = BacktestStatus.Running };
        await SaveAsync(job.Run);
        Publish(job.Run);
        BacktestRun final;
        try
        {
            var result = await engine(job.Request, new RunProgress(this, job), ct);
            final = job.Run with { Status = BacktestStatus.Completed, Progress = 1, Result = result };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            final = job.Run with { Status = BacktestStatus.Canceled, Error = stoppingToken.IsCancellationRequested ? "The app stopped." : null };
        }
        catch (Exception ex)
        {
            Log.Failed(logger, ex, job.Run.Id, ex.Message);
            final = job.Run with { Status = BacktestStatus.Failed, Error = ex.Message };
        }
        await EndAsync(job, final);
        Log.Finished(logger, final.Id, final.Status, watch.Elapsed.TotalSeconds);
    }

    private async Task EndAsync(Job job, BacktestRun final)
    {
        job.Run = final with { Finished = time.GetUtcNow().UtcDateTime };
        if (await SaveAsync(job.Run)) _active.TryRemove(job.Run.Id, out _);
        job.Cancellation.Dispose();
        Publish(job.Run);
    }

    private async Task<bool> SaveAsync(BacktestRun run)
    {
        try
        {
            await store.SaveAsync(run, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            Log.SaveFailed(logger, ex, run.Id);
            return false;
        }
    }

    private void Publish(BacktestRun run)
    {
        try { Changed?.Invoke(run); }
        catch (Exception ex) { logger.LogWarning(ex, "A backtest subscriber failed"); }
    }

    private sealed class Job(BacktestRequest request, BacktestRun run)
    {
        public BacktestRequest Request { get; } = request;
        public CancellationTokenSource Cancellation { get; } = new();
        public volatile BacktestRun Run = run;
    }

    /// <summary>Keeps the latest fraction on the run; publishes when it moved by at least 1%.</summary>
    private sealed class RunProgress(BacktestRunner runner, Job job) : IProgress<double>
    {
        private double _published;

        public void Report(double value)
        {
            if (!double.IsFinite(value)) return;
            var fraction = Math.Clamp(value, 0, 1);
            job.Run = job.Run with { Progress = fraction };
            if (fraction - _published < 0.01 && fraction < 1) return;
            _published = fraction;
            runner.Publish(job.Run);
        }
    }
}
