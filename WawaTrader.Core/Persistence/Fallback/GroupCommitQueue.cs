using System.Collections.Concurrent;

namespace WawaTrader.Core.Persistence.Fallback;

/// <summary>One write waiting in a <see cref="GroupCommitQueue"/>: its entry and the task its writer awaits.</summary>
internal sealed class PendingWrite(FallbackEntry entry)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FallbackEntry Entry { get; } = entry;

    public Task Done => _done.Task;

    /// <summary>The entry is kept (committed to the database or flushed to the fallback file).</summary>
    public void Kept() => _done.TrySetResult();

    public void Failed(Exception exception) => _done.TrySetException(exception);
}

/// <summary>
/// Group commit: writes are queued in the order they are given and written by one drain at a time, in batches of up to
/// <see cref="MaxBatch"/> — everything that queued up while the previous batch was being written goes in the next one, so a
/// burst of records costs one transaction, while a lone record is written at once (no waiting for company). Each writer's task
/// completes when the batch holding its write has been kept, never before. The drain runs on the thread pool (started by the
/// write that finds none running) and ends when the queue is empty; no thread is kept waiting.
/// </summary>
internal sealed class GroupCommitQueue(Func<IReadOnlyList<PendingWrite>, Task> writeBatchAsync)
{
    /// <summary>The most writes in one batch (one transaction): large enough for a 500-symbol cycle's Holds, small enough to keep
    /// a batch's write lock short.</summary>
    public const int MaxBatch = 512;

    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private int _draining;

    /// <summary>Queues <paramref name="entry"/> (synchronously, so writes keep the order of the calls); the task completes when it is kept.</summary>
    public Task EnqueueAsync(FallbackEntry entry)
    {
        var write = new PendingWrite(entry);
        _queue.Enqueue(write);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0) _ = Task.Run(DrainAsync);
        return write.Done;
    }

    private async Task DrainAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (true)
        {
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var write)) batch.Add(write);
            if (batch.Count > 0)
            {
                try
                {
                    await writeBatchAsync(batch);
                }
                catch (Exception ex)
                {
                    foreach (var write in batch) write.Failed(ex); // those already kept ignore it
                }
                batch.Clear();
                continue;
            }
            Volatile.Write(ref _draining, 0);
            // A write queued after the last look but before the flag was cleared found a drain running: take it over.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        }
    }
}
