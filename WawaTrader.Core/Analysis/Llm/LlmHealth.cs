using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>The model's state as the dashboard shows it.</summary>
public enum LlmHealthState
{
    /// <summary>Enabled but not asked yet since start.</summary>
    Unknown,

    /// <summary>Answering; no failure among the recent calls.</summary>
    Online,

    /// <summary>Answering, but some recent calls failed or gave unreadable answers (or the last call failed once).</summary>
    Degraded,

    /// <summary>The last calls (two or more in a row) failed to reach the model.</summary>
    Offline,

    /// <summary>The circuit breaker is open: calls fall back at once without a request until the break ends.</summary>
    CircuitOpen,

    /// <summary><c>Llm:Enabled</c> is false or <c>Llm:AskWhen</c> is Never.</summary>
    Disabled,
}

/// <summary>
/// A point-in-time view of the model's health. Latencies in milliseconds (wall time of a call, queue wait and retries
/// included) over the last <see cref="LlmHealth.LatencyWindow"/> calls that reached the server or timed out; null before the first.
/// <see cref="Failures"/> counts calls that got no answer (timeouts, refused connections, HTTP errors, open circuit);
/// <see cref="Timeouts"/> is the part of them that ran out of time; <see cref="ParseFailures"/> counts unreadable answers.
/// </summary>
public sealed record LlmHealthSnapshot(
    LlmHealthState State,
    double? LastLatencyMs,
    double? P50LatencyMs,
    double? P95LatencyMs,
    long Calls,
    long Failures,
    long ParseFailures,
    long Timeouts,
    string? LastError,
    DateTime? LastCallTime,
    DateTime? CircuitOpenUntil);

/// <summary>
/// The model's health (singleton): updated by the <see cref="LlmAnalyst"/> after every call and by the circuit breaker,
/// read by the dashboard and the API. Thread-safe. Wall-clock times are UTC from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class LlmHealth(IOptionsMonitor<LlmOptions> options, TimeProvider time)
{
    /// <summary>Number of recent calls the latency percentiles are computed over.</summary>
    public const int LatencyWindow = 100;

    /// <summary>Number of recent outcomes a failure keeps the state at Degraded for.</summary>
    public const int OutcomeWindow = 20;

    private readonly Lock _gate = new();
    private readonly Queue<double> _latencies = new(LatencyWindow);
    private readonly Queue<bool> _outcomes = new(OutcomeWindow);
    private long _calls, _failures, _parseFailures, _timeouts;
    private int _consecutiveFailures;
    private double? _lastLatency;
    private string? _lastError;
    private DateTime? _lastCall;
    private DateTime? _circuitOpenUntil;
    private long _circuitOpenUntilTicks; // _circuitOpenUntil's ticks (0: closed), read without the lock by IsCircuitOpen

    /// <summary>Raised after every change, outside the lock, with the new snapshot.</summary>
    public event Action<LlmHealthSnapshot>? Changed;

    /// <summary>The current state and statistics.</summary>
    public LlmHealthSnapshot Current
    {
        get
        {
            lock (_gate) return SnapshotLocked();
        }
    }

    /// <summary>A call whose answer was read (used, vetoed or advisory).</summary>
    public void RecordAnswer(double latencyMs) => Update(() =>
    {
        AddLatency(latencyMs);
        AddOutcome(ok: true);
        _consecutiveFailures = 0;
    });

    /// <summary>A call that got an answer nobody could read with certainty.</summary>
    public void RecordParseFailure(double latencyMs, string error) => Update(() =>
    {
        AddLatency(latencyMs);
        AddOutcome(ok: false);
        _parseFailures++;
        _consecutiveFailures = 0;
        _lastError = $"unreadable answer: {error}";
    });

    /// <summary>A call that got no answer. A fast refusal by the open circuit does not count toward latency.</summary>
    public void RecordFailure(double latencyMs, string reason, bool timeout, bool circuitOpen) => Update(() =>
    {
        if (!circuitOpen) AddLatency(latencyMs);
        AddOutcome(ok: false);
        _failures++;
        if (timeout) _timeouts++;
        _consecutiveFailures++;
        _lastError = reason;
    });

    /// <summary>The breaker opened; calls are refused until <paramref name="breakDuration"/> has passed.</summary>
    public void CircuitOpened(TimeSpan breakDuration) => Update(() =>
    {
        _circuitOpenUntil = time.GetUtcNow().UtcDateTime + breakDuration;
        Volatile.Write(ref _circuitOpenUntilTicks, _circuitOpenUntil.Value.Ticks);
    });

    /// <summary>The breaker closed or went half-open (a probe is allowed).</summary>
    public void CircuitReset() => Update(() =>
    {
        _circuitOpenUntil = null;
        Volatile.Write(ref _circuitOpenUntilTicks, 0);
    });

    /// <summary>Whether the breaker is open now (its break not over): what <see cref="Current"/>'s <see cref="LlmHealthState.CircuitOpen"/>
    /// says, read without the lock or a snapshot (the analyst asks it before every call).</summary>
    public bool IsCircuitOpen => Volatile.Read(ref _circuitOpenUntilTicks) is var until and > 0 && time.GetUtcNow().UtcDateTime.Ticks < until;

    private void Update(Action change)
    {
        LlmHealthSnapshot snapshot;
        lock (_gate)
        {
            change();
            snapshot = SnapshotLocked();
        }
        Changed?.Invoke(snapshot);
    }

    private void AddLatency(double latencyMs)
    {
        _lastLatency = latencyMs;
        if (_latencies.Count == LatencyWindow) _latencies.Dequeue();
        _latencies.Enqueue(latencyMs);
    }

    private void AddOutcome(bool ok)
    {
        _calls++;
        _lastCall = time.GetUtcNow().UtcDateTime;
        if (_outcomes.Count == OutcomeWindow) _outcomes.Dequeue();
        _outcomes.Enqueue(ok);
    }

    private LlmHealthSnapshot SnapshotLocked()
    {
        var sorted = _latencies.ToArray();
        Array.Sort(sorted);
        return new LlmHealthSnapshot(StateLocked(), _lastLatency, Percentile(sorted, 50), Percentile(sorted, 95),
            _calls, _failures, _parseFailures, _timeouts, _lastError, _lastCall, _circuitOpenUntil);
    }

    private LlmHealthState StateLocked()
    {
        var o = options.CurrentValue;
        if (!o.Enabled || o.AskWhen == LlmAskWhen.Never) return LlmHealthState.Disabled;
        if (_circuitOpenUntil is { } until && time.GetUtcNow().UtcDateTime < until) return LlmHealthState.CircuitOpen;
        if (_outcomes.Count == 0) return LlmHealthState.Unknown;
        if (_consecutiveFailures >= 2) return LlmHealthState.Offline;
        return _outcomes.Contains(false) ? LlmHealthState.Degraded : LlmHealthState.Online;
    }

    /// <summary>Nearest-rank percentile of an ascending array; null when empty.</summary>
    private static double? Percentile(double[] sorted, double percent)
    {
        if (sorted.Length == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
