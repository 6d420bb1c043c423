using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence.Fallback;

// The write side: one batch of queued writes at a time, into the database or the fallback file.
public sealed partial class DurableJournal
{
    /// <summary>
    /// Writes one batch, in order, under the gate (a replay never runs beside it). Runs of decisions and snapshots go in one
    /// transaction each; an order update or a ledger is its own (they read before they write). When the database refuses a
    /// run as a storage failure, that run and everything after it go to the file, and only those: what was committed stays
    /// committed, so each write is kept exactly once. When it refuses a run for a record's sake, the run is written again one
    /// record at a time, so only the writer of the refused record hears of it.
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<PendingWrite> batch)
    {
        await _gate.WaitAsync();
        try
        {
            var next = 0;
            var oneByOneUntil = 0;
            while (next < batch.Count && State == JournalState.Database)
            {
                var count = next < oneByOneUntil ? 1 : RunLength(batch, next);
                try
                {
                    await ToDatabaseAsync(batch, next, count);
                    for (var i = next; i < next + count; i++) batch[i].Kept();
                    next += count;
                }
                catch (Exception ex) when (IsStorageFailure(ex))
                {
                    Log.DatabaseRefusedWrite(_logger, ex, _file.Path);
                    Change(JournalState.FallbackFile, $"The database refuses writes ({ex.GetBaseException().Message}); records go to {_file.Path}");
                }
                catch (Exception) when (count > 1)
                {
                    oneByOneUntil = next + count; // one of the run's records is refused (rolled back with the rest): find which, one at a time
                }
                catch (Exception ex)
                {
                    batch[next++].Failed(ex);
                }
            }
            if (next < batch.Count) ToFile(batch, next);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How many writes from <paramref name="start"/> form one transaction: consecutive decisions and snapshots, or one other write.</summary>
    private static int RunLength(IReadOnlyList<PendingWrite> batch, int start)
    {
        var end = start;
        while (end < batch.Count && batch[end].Entry is { Decision: not null } or { Snapshot: not null }) end++;
        return Math.Max(1, end - start);
    }

    private Task ToDatabaseAsync(IReadOnlyList<PendingWrite> batch, int start, int count)
    {
        switch (batch[start].Entry)
        {
            case { OrderUpdate: { } order }:
                return _database.UpdateOrderAsync(order, CancellationToken.None);
            case { Ledger: { } ledger }:
                return _ledger.SaveAsync(ledger, CancellationToken.None);
        }
        var decisions = new List<DecisionRecord>(count);
        var snapshots = new List<PerformanceSnapshot>();
        for (var i = start; i < start + count; i++)
        {
            if (batch[i].Entry.Decision is { } decision) decisions.Add(decision);
            else snapshots.Add(batch[i].Entry.Snapshot!);
        }
        return _database.RecordAllAsync(decisions, snapshots, CancellationToken.None);
    }

    /// <summary>Appends the writes from <paramref name="start"/> to the fallback file in one flush; when the file refuses them
    /// too, halts the agent and fails them with <see cref="JournalUnavailableException"/>.</summary>
    private void ToFile(IReadOnlyList<PendingWrite> batch, int start)
    {
        try
        {
            _file.AppendAll(batch.Skip(start).Select(w => w.Entry));
            _health.Set(State, Interlocked.Add(ref _pending, batch.Count - start), Reason);
            if (State == JournalState.Unavailable) Change(JournalState.FallbackFile, $"Records go to {_file.Path} until the database takes them");
            for (var i = start; i < batch.Count; i++) batch[i].Kept();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = $"Neither the database nor {_file.Path} takes records ({ex.Message}): trading halted so that nothing goes unrecorded";
            Log.JournalUnavailable(_logger, ex, _file.Path);
            Change(JournalState.Unavailable, reason);
            _agent?.Halt(reason);
            var error = new JournalUnavailableException(reason, ex);
            for (var i = start; i < batch.Count; i++) batch[i].Failed(error);
        }
    }
}
