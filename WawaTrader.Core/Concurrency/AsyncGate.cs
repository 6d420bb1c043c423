namespace WawaTrader.Core.Concurrency;

/// <summary>
/// An asynchronous mutual-exclusion lock whose uncontended enter and exit are one interlocked instruction each (no monitor, no
/// allocation): the paper broker and the trading cycle take it several times per bar, and a backtest takes it millions of times.
/// When contended, waiters queue in arrival order and are handed the gate one at a time; a waiter whose token is canceled
/// before its turn leaves the queue with <see cref="OperationCanceledException"/>. Not re-entrant. Every successful
/// <see cref="EnterAsync"/> must be matched by exactly one <see cref="Exit"/> (use try/finally).
/// </summary>
public sealed class AsyncGate
{
    private readonly Lock _sync = new();
    private readonly LinkedList<Waiter> _queue = new();
    // The holder (1) plus the queued waiters; changed outside _sync only by the 0 ↔ 1 fast paths.
    private int _state;

    /// <summary>Whether the gate is held right now (a snapshot, for diagnostics and tests).</summary>
    public bool IsHeld => Volatile.Read(ref _state) != 0;

    /// <summary>Enters the gate: completes at once when it is free, otherwise when every earlier waiter has entered and left.</summary>
    public ValueTask EnterAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0) return ValueTask.CompletedTask;
        return EnterContendedAsync(cancellationToken);
    }

    /// <summary>Leaves the gate, handing it to the longest waiter if there is one.</summary>
    /// <exception cref="InvalidOperationException">The gate is not held.</exception>
    public void Exit()
    {
        if (Interlocked.CompareExchange(ref _state, 0, 1) == 1) return;
        Waiter? next;
        lock (_sync)
        {
            if (_queue.First is not { } first)
            {
                // Only the holder counted (a waiter canceled meanwhile): free it. Nobody else changes the count while we hold _sync
                // and it is not 0, so this cannot race with a fast-path enter.
                if (Interlocked.CompareExchange(ref _state, 0, 1) != 1) throw new InvalidOperationException("The gate is not held.");
                return;
            }
            _queue.RemoveFirst();
            next = first.Value;
            next.Queued = null;
            Interlocked.Decrement(ref _state); // the old holder leaves; the waiter, still counted, becomes the holder
        }
        next.Granted.TrySetResult();
    }

    private async ValueTask EnterContendedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_sync)
        {
            if (Interlocked.Increment(ref _state) == 1) return; // freed in between: ours
            waiter = new Waiter();
            waiter.Queued = _queue.AddLast(waiter);
        }
        if (cancellationToken.CanBeCanceled)
        {
            await using var registration = cancellationToken.Register(static state =>
            {
                var (gate, w, token) = ((AsyncGate, Waiter, CancellationToken))state!;
                gate.Cancel(w, token);
            }, (this, waiter, cancellationToken));
            await waiter.Granted.Task.ConfigureAwait(false);
        }
        else
        {
            await waiter.Granted.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Takes a canceled waiter out of the queue; one already granted the gate keeps it (its enter succeeds).</summary>
    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (waiter.Queued is null) return;
            _queue.Remove(waiter.Queued);
            waiter.Queued = null;
            Interlocked.Decrement(ref _state);
        }
        waiter.Granted.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter
    {
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Queued { get; set; }
    }
}
