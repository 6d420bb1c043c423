namespace WawaTrader.Web.Components.Shared;

/// <summary>
/// Runs an action at most once per interval however often it is requested: a request after a quiet interval runs at once;
/// requests within the interval are folded into one run at its end. <see cref="Request"/> never blocks and never runs the
/// action's work on the caller's thread beyond starting it (the action should only schedule, e.g. a component's
/// <c>InvokeAsync</c>). Thread-safe.
/// </summary>
public sealed class Throttle(TimeProvider time, TimeSpan interval, Func<Task> action) : IDisposable
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>Asks for a run: now if the last one was at least an interval ago, else once at the end of the interval.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_disposed || _timer is not null) return;
            var now = time.GetUtcNow();
            var wait = _lastRun + interval - now;
            if (wait > TimeSpan.Zero)
            {
                _timer = time.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }
            _lastRun = now;
        }
        _ = action();
    }

    private void Fire()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (_disposed) return;
            _lastRun = time.GetUtcNow();
        }
        _ = action();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
