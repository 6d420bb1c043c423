using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// Runs optimisations off the request thread, one at a time in the order queued (each uses every core). Optimisations are kept
/// in memory for the app's lifetime — the newest <see cref="MaxKept"/> finished ones plus every active one — and are not
/// persisted: a restart forgets them (the backtests they summarise can be re-run as single backtests, which are stored).
/// Progress is published through <see cref="Changed"/> in steps of at least 1%. Stopping the app cancels the running one.
/// </summary>
public sealed class OptimizationRunner(OptimizationEngine engine, TimeProvider time, ILogger<OptimizationRunner> logger) : BackgroundService
{
    /// <summary>Finished optimisations kept; the oldest finished is dropped first.</summary>
    public const int MaxKept = 50;

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    /// <summary>Raised (on a background thread) when an optimisation is queued, starts, progresses by ≥ 1% or ends.</summary>
    public event Action<Optimization>? Changed;

    /// <summary>Queues an optimisation; <paramref name="sources"/> names where each series came from.</summary>
    public async Task<Optimization> EnqueueAsync(OptimizationRequest request, IReadOnlyList<string>? sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var optimization = new Optimization(Guid.NewGuid(), time.GetUtcNow().UtcDateTime, BacktestStatus.Queued, 0,
            BacktestSettings.Of(request.Backtest, sources), request.Axes, request.Rank, request.WalkForward);
        var job = new Job(request, optimization);
        _jobs[optimization.Id] = job;
        Log.OptimizationQueued(logger, optimization.Id, optimization.Settings.Strategy, optimization.Combinations);
        await _queue.Writer.WriteAsync(job, cancellationToken);
        Publish(optimization);
        return optimization;
    }

    /// <summary>Asks a queued or running optimisation to stop; false when it is unknown or already finished.</summary>
    public bool Cancel(Guid id)
    {
        if (!_jobs.TryGetValue(id, out var job) || job.Optimization.IsFinal) return false;
        try { job.Cancellation.Cancel(); }
        catch (ObjectDisposedException) { return false; }
        return true;
    }

    /// <summary>The optimisation with its live progress; null when unknown (or dropped).</summary>
    public Optimization? Get(Guid id) => _jobs.TryGetValue(id, out var job) ? job.Optimization : null;

    /// <summary>The newest optimisations first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<Optimization> List(int limit) =>
        [.. _jobs.Values.Select(j => j.Optimization).OrderByDescending(o => o.Created).ThenByDescending(o => o.Id).Take(limit)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken)) await RunAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            foreach (var job in _jobs.Values.Where(j => !j.Optimization.IsFinal))
                End(job, job.Optimization with { Status = BacktestStatus.Canceled, Error = "The app stopped." });
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Cancellation.Token);
        var ct = linked.Token;
        if (ct.IsCancellationRequested)
        {
            End(job, job.Optimization with { Status = BacktestStatus.Canceled });
            return;
        }
        var watch = Stopwatch.StartNew();
        job.Optimization = job.Optimization with { Status = BacktestStatus.Running };
        Publish(job.Optimization);
        Optimization final;
        try
        {
            var outcome = await engine(job.Request, new JobProgress(this, job), ct);
            final = job.Optimization with { Status = BacktestStatus.Completed, Progress = 1, Outcome = outcome };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            final = job.Optimization with { Status = BacktestStatus.Canceled, Error = stoppingToken.IsCancellationRequested ? "The app stopped." : null };
        }
        catch (Exception ex)
        {
            Log.OptimizationFailed(logger, ex, job.Optimization.Id, ex.Message);
            final = job.Optimization with { Status = BacktestStatus.Failed, Error = ex.Message };
        }
        End(job, final);
        Log.OptimizationFinished(logger, final.Id, final.Status, watch.Elapsed.TotalSeconds);
    }

    private void End(Job job, Optimization final)
    {
        job.Optimization = final with { Finished = time.GetUtcNow().UtcDateTime };
        job.Cancellation.Dispose();
        Publish(job.Optimization);
        foreach (var old in _jobs.Values.Where(j => j.Optimization.IsFinal).OrderByDescending(j => j.Optimization.Finished).Skip(MaxKept).ToList())
            _jobs.TryRemove(old.Optimization.Id, out _);
    }

    private void Publish(Optimization optimization)
    {
        try { Changed?.Invoke(optimization); }
        catch (Exception ex) { logger.LogWarning(ex, "An optimisation subscriber failed"); }
    }

    private sealed class Job(OptimizationRequest request, Optimization optimization)
    {
        public OptimizationRequest Request { get; } = request;
        public CancellationTokenSource Cancellation { get; } = new();
        public volatile Optimization Optimization = optimization;
    }

    /// <summary>Keeps the latest fraction (never moving back); publishes when it moved by at least 1%.</summary>
    private sealed class JobProgress(OptimizationRunner runner, Job job) : IProgress<double>
    {
        private readonly Lock _gate = new();
        private double _published;

        public void Report(double value)
        {
            if (!double.IsFinite(value)) return;
            lock (_gate)
            {
                var fraction = Math.Clamp(value, 0, 1);
                if (fraction <= job.Optimization.Progress) return;
                job.Optimization = job.Optimization with { Progress = fraction };
                if (fraction - _published < 0.01 && fraction < 1) return;
                _published = fraction;
            }
            runner.Publish(job.Optimization);
        }
    }
}
