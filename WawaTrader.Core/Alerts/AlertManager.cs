using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Alerts;

/// <summary>
/// Takes alerts from the sources and delivers them in the background. <see cref="Publish"/> never blocks and never throws: it
/// deduplicates and groups (<see cref="AlertThrottle"/>), then writes to one bounded queue per enabled channel (an alert past a full
/// queue is dropped and logged). As a hosted service it drains each queue on its own loop, so a silent SMTP server never delays
/// Slack, and the engine never waits on either. Each delivery is recorded (<see cref="IAlertStore"/>) as Pending, then Sent or
/// Failed with the exact error after <see cref="AlertsOptions.MaxAttempts"/> attempts, each bounded by
/// <see cref="AlertsOptions.SendTimeout"/>, with exponential backoff from <see cref="AlertsOptions.RetryBaseDelay"/> between
/// them; a permanent failure (refused credentials, a webhook that does not exist) is not retried. Waits use the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class AlertManager : BackgroundService, Diagnostics.IAlertQueueDepth
{
    /// <summary>Alerts each channel's queue holds before new ones are dropped.</summary>
    public const int QueueCapacity = 1000;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly Dictionary<AlertChannelKind, Channel<Queued>> _queues = [];
    // A channel that keeps failing (SMTP server down, webhook unreachable) is logged once, summarised per minute and logged once
    // when it delivers again: never a line per attempt. Each delivery's attempts and error are in its record.
    private readonly Dictionary<AlertChannelKind, Diagnostics.OutageTracker> _outages = [];
    private readonly IAlertStore _store;
    private readonly IOptionsMonitor<AlertsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertManager> _logger;
    private readonly Lock _gate = new();
    private readonly AlertThrottle _throttle = new();
    private readonly List<ITimer> _flushTimers = [];
    private long _dropped;

    public AlertManager(IEnumerable<IAlertChannel> channels, IAlertStore store, IOptionsMonitor<AlertsOptions> options, TimeProvider time,
        ILogger<AlertManager> logger)
    {
        _channels = [.. channels];
        _store = store;
        _startedAt = time.GetUtcNow().UtcDateTime;
        _options = options;
        _time = time;
        _logger = logger;
        foreach (var channel in _channels) _outages[channel.Kind] = new Diagnostics.OutageTracker(time);
        foreach (var channel in _channels)
            _queues[channel.Kind] = Channel.CreateBounded<Queued>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Raised (on the publisher's thread; a handler must only schedule its work) for each alert admitted for delivery:
    /// not a duplicate and not held, or a grouped alert at its window's end, with the number of alerts it stands for.</summary>
    public event Action<Alert, int>? Accepted;

    /// <summary>Alerts dropped because a channel's queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="alert"/> for every enabled channel that routes its type, unless it is a duplicate or held
    /// for a group. Returns at once; never throws.</summary>
    public void Publish(Alert alert)
    {
        try
        {
            var o = _options.CurrentValue;
            var window = o.GroupWindow;
            Admission admission;
            DateTime? flushAt;
            lock (_gate) admission = _throttle.Admit(alert, TimeSpan.FromMinutes(o.DedupMinutes), window, out flushAt);
            if (admission == Admission.Duplicate) Log.Duplicate(_logger, alert.Type, alert.ConditionKey);
            if (flushAt is { } due) ScheduleFlush(alert.Type, window, due - alert.Time);
            if (admission == Admission.Send) Enqueue(alert, 1);
        }
        catch (Exception ex)
        {
            Log.PublishFailed(_logger, ex, alert.Type);
        }
    }

    /// <summary>Sends a test alert over <paramref name="kind"/> at once (one attempt, bounded by the send timeout, even when the
    /// channel is switched off), records it and returns the record: Sent, or Failed with the exact error.</summary>
    public async Task<AlertDelivery> SendTestAsync(AlertChannelKind kind, CancellationToken cancellationToken)
    {
        var channel = _channels.FirstOrDefault(c => c.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such channel is registered.");
        var alert = new Alert(AlertType.Test, AlertSeverity.Info, $"{kind} alerts work",
            $"A test alert sent over {kind} from the settings page. If you read this, alerts reach you.", [new("Channel", kind.ToString())],
            _time.GetUtcNow().UtcDateTime);
        return await DeliverAsync(channel, new Queued(alert, 1), maxAttempts: 1, cancellationToken);
    }

    /// <summary>The error a delivery left Pending by a stopped process is marked failed with at the next start.</summary>
    private readonly DateTime _startedAt; // records made before it belong to an earlier process

    public const string StoppedBeforeDelivery = "The app stopped before this alert was delivered.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Alerts queued in memory are gone with the process that queued them; their records say so instead of staying Pending.
            var stale = await _store.FailPendingAsync(StoppedBeforeDelivery, Now(), _startedAt, stoppingToken);
            if (stale > 0) Log.StalePending(_logger, stale);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.StaleCleanupFailed(_logger, ex);
        }
        await Task.WhenAll(_channels.Select(c => DrainAsync(c, stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var timer in _flushTimers) timer.Dispose();
            _flushTimers.Clear();
        }
        await base.StopAsync(cancellationToken);
    }

    private void Enqueue(Alert alert, int count)
    {
        try { Accepted?.Invoke(alert, count); }
        catch (Exception ex) { Log.PublishFailed(_logger, ex, alert.Type); }
        foreach (var channel in _channels)
        {
            if (!channel.IsEnabled || !channel.Routes(alert.Type)) continue;
            if (_queues[channel.Kind].Writer.TryWrite(new Queued(alert, count))) continue;
            Interlocked.Increment(ref _dropped);
            Log.QueueFull(_logger, channel.Kind, alert.Type);
        }
    }

    private void ScheduleFlush(AlertType type, TimeSpan window, TimeSpan dueIn)
    {
        lock (_gate)
        {
            ITimer? timer = null;
            timer = _time.CreateTimer(_ =>
            {
                (Alert Alert, int Count)? grouped;
                lock (_gate)
                {
                    grouped = _throttle.Flush(type, window, _time.GetUtcNow().UtcDateTime);
                    _flushTimers.Remove(timer!);
                }
                timer!.Dispose();
                if (grouped is { } g) Enqueue(g.Alert, g.Count);
            }, null, dueIn <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : dueIn, Timeout.InfiniteTimeSpan);
            _flushTimers.Add(timer);
        }
    }

    private async Task DrainAsync(IAlertChannel channel, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in _queues[channel.Kind].Reader.ReadAllAsync(stoppingToken))
            {
                try { await DeliverAsync(channel, queued, _options.CurrentValue.MaxAttempts, stoppingToken); }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { Log.DeliveryCrashed(_logger, ex, channel.Kind); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: alerts still queued are not sent; their records (if written) stay Pending.
        }
    }

    private async Task<AlertDelivery> DeliverAsync(IAlertChannel channel, Queued queued, int maxAttempts, CancellationToken cancellationToken)
    {
        var (alert, count) = queued;
        var o = _options.CurrentValue;
        var delivery = new AlertDelivery(0, alert.Time, alert.Type, alert.Severity, channel.Kind, alert.Subject, AlertStatus.Pending, 0, null, null,
            alert.DecisionId, count);
        delivery = await RecordAsync(delivery, add: true, cancellationToken);
        var link = Link(o.BaseUrl, alert.DecisionId);
        for (var attempt = 1; ; attempt++)
        {
            var error = await AttemptAsync(channel, alert, link, o.SendTimeout, cancellationToken);
            var outage = _outages[channel.Kind];
            if (error is null)
            {
                Log.Sent(_logger, channel.Kind, alert.Type, attempt);
                if (outage.Succeeded() is { Notice: Diagnostics.OutageNotice.Recovered } back) Log.ChannelBack(_logger, channel.Kind, back.Down, back.Failures);
                return await RecordAsync(delivery with { Status = AlertStatus.Sent, Attempts = attempt, Error = null, CompletedAt = Now() }, add: false, cancellationToken);
            }
            var report = outage.Failed(error.Value.Message);
            if (report.Notice == Diagnostics.OutageNotice.WentDown) Log.ChannelDown(_logger, channel.Kind, alert.Type, error.Value.Message);
            else if (report.Notice == Diagnostics.OutageNotice.StillDown)
                Log.ChannelStillDown(_logger, channel.Kind, report.Failures, outage.SummaryEvery, report.Reason, report.Down);
            if (error.Value.Permanent || attempt >= maxAttempts)
            {
                Log.Failed(_logger, channel.Kind, alert.Type, attempt, error.Value.Message);
                return await RecordAsync(delivery with { Status = AlertStatus.Failed, Attempts = attempt, Error = error.Value.Message, CompletedAt = Now() }, add: false, cancellationToken);
            }
            var backoff = Backoff(o.RetryBaseDelay, attempt);
            Log.Retrying(_logger, channel.Kind, alert.Type, attempt, backoff.TotalSeconds, error.Value.Message);
            var wait = Task.Delay(backoff, _time, cancellationToken); // started first: the wait runs from the failure, not from the record
            delivery = await RecordAsync(delivery with { Attempts = attempt, Error = error.Value.Message }, add: false, cancellationToken);
            await wait;
        }
    }

    /// <summary>One attempt; null when delivered, else the failure as a user reads it.</summary>
    private async Task<(string Message, bool Permanent)?> AttemptAsync(IAlertChannel channel, Alert alert, Uri? link, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, cancellationToken);
        try
        {
            await channel.SendAsync(alert, link, linked.Token);
            return null;
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ($"no answer within {timeout.TotalSeconds:0.#} s (timed out)", false);
        }
        catch (AlertDeliveryException ex)
        {
            return (ex.Message, ex.Permanent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ($"{ex.GetType().Name}: {ex.Message}", false);
        }
    }

    /// <summary>Writes the record; a store that fails is logged and the delivery goes on (the alert matters more than its row).</summary>
    private async Task<AlertDelivery> RecordAsync(AlertDelivery delivery, bool add, CancellationToken cancellationToken)
    {
        try
        {
            if (add) return await _store.AddAsync(delivery, cancellationToken);
            if (delivery.Id != 0) await _store.UpdateAsync(delivery, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RecordFailed(_logger, ex, delivery.Channel, delivery.Type);
        }
        return delivery;
    }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/>: base × 2^(attempt−1), at most 5 minutes.</summary>
    internal static TimeSpan Backoff(TimeSpan baseDelay, int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, baseDelay.Ticks * Math.Pow(2, attempt - 1)));

    /// <summary>The decision's page under <paramref name="baseUrl"/>, or null when either is missing.</summary>
    internal static Uri? Link(string baseUrl, Guid? decisionId) =>
        decisionId is { } id && Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root) ? new Uri(root, $"decisions/{id}") : null;

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;

    /// <summary>Alerts waiting in the channels' queues (the alert queue depth gauge).</summary>
    public int QueuedAlerts => _queues.Values.Sum(q => q.Reader.CanCount ? q.Reader.Count : 0);

    private sealed record Queued(Alert Alert, int Count);
}
