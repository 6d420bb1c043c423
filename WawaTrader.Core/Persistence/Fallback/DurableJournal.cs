using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence.Fallback;

/// <summary>Where the journal's writes go: the database (normal), the fallback file (the database refuses writes), or nowhere
/// (both refuse: the agent is halted).</summary>
public enum JournalState { Database, FallbackFile, Unavailable }

/// <summary>The journal's state changed (a page shows it, an alert reports it). <paramref name="Pending"/> counts the writes in the file.</summary>
public sealed record JournalStateChanged(DateTime Time, JournalState State, int Pending, string Reason) : AgentEvent(Time);

/// <summary>Neither the database nor the fallback file took a write; the agent has been halted.</summary>
public sealed class JournalUnavailableException(string message, Exception inner) : IOException(message, inner);

/// <summary>
/// Nothing acknowledged is lost when the database fails (disk full, file locked or read-only, server down): a write the database
/// refuses goes to the <see cref="FallbackJournalFile"/>, and so does every later write until the file has been replayed into
/// the database — in order and exactly once (a replay cut short is repeated; entries already in the database are recognised
/// and skipped). Replay is tried at start-up and every <see cref="ReplayEvery"/> while the file holds entries. When the file
/// refuses a write too, the agent is halted: it trades only while its records can be kept. Writes are serialised.
/// </summary>
public sealed partial class DurableJournal : BackgroundService
{
    public static readonly TimeSpan ReplayEvery = TimeSpan.FromSeconds(5);

    private readonly FallbackJournalFile _file;
    private readonly FallbackJournalFile _rejected;
    private readonly EfDecisionJournal _database;
    private readonly EfPaperLedgerStore _ledger;
    private readonly TimeProvider _time;
    private readonly ILogger<DurableJournal> _logger;
    private readonly AgentControl? _agent;
    private readonly AgentEventHub? _hub;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly GroupCommitQueue _writes;
    private int _pending;

    private readonly JournalHealth _health;

    public DurableJournal(FallbackJournalFile file, EfDecisionJournal database, EfPaperLedgerStore ledger, JournalHealth health, TimeProvider time,
        ILogger<DurableJournal> logger, AgentControl? agent = null, AgentEventHub? hub = null)
    {
        _health = health;
        _writes = new GroupCommitQueue(WriteBatchAsync);
        (_file, _database, _ledger, _time, _logger, _agent, _hub) = (file, database, ledger, time, logger, agent, hub);
        _rejected = new FallbackJournalFile(System.IO.Path.ChangeExtension(file.Path, ".rejected.jsonl"));
        if (!file.HasEntries)
        {
            if (Directory.Exists(System.IO.Path.GetDirectoryName(file.Path))) file.Reserve(); // room kept for when the disk fills
            return;
        }
        _pending = file.ReadAll().Count; // left by an earlier run: later writes queue behind them until they are replayed
        _health.Set(JournalState.FallbackFile, _pending, $"{_pending} record(s) from an earlier run wait in {file.Path}");
    }

    public JournalState State => _health.State;

    /// <summary>Writes waiting in the fallback file.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Why the journal is not writing to the database, or null when it is.</summary>
    public string? Reason => _health.Reason;

    public FallbackJournalFile FallbackFile => _file;

    /// <summary>Writes <paramref name="entry"/> to the database, or to the fallback file when the database refuses it or entries
    /// wait there already; the task completes once it is kept (committed, or flushed to the file). Writes queue in call order and
    /// are written in batches (<see cref="GroupCommitQueue"/>): records given while a batch is being written share the next
    /// transaction. Throws <see cref="JournalUnavailableException"/> (and halts the agent) when the file refuses it too, and the
    /// database's own error when the database refuses this record itself (a key it already holds).
    /// <paramref name="cancellationToken"/> stops the wait, not a write already queued.</summary>
    public Task WriteAsync(FallbackEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var kept = _writes.EnqueueAsync(entry);
        return cancellationToken.CanBeCanceled ? kept.WaitAsync(cancellationToken) : kept;
    }

    /// <summary>The newest paper ledger waiting in the file (newer than the database's), or null.</summary>
    public Brokers.PaperLedger? LatestPendingLedger() =>
        Pending == 0 ? null : _file.ReadAll().LastOrDefault(e => e.Ledger is not null)?.Ledger;

    /// <summary>Moves everything in the file into the database, in order; true when the file is empty afterwards.</summary>
    public async Task<bool> ReplayAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_file.HasEntries)
            {
                if (State != JournalState.Database) Change(JournalState.Database, "The database takes records again");
                return true;
            }
            var entries = _file.ReadAll();
            foreach (var entry in entries)
            {
                try
                {
                    await ApplyAsync(entry, cancellationToken);
                }
                catch (Exception ex) when (!IsStorageFailure(ex) && ex is not OperationCanceledException)
                {
                    // The database takes writes but not this record: set it aside (kept, never dropped) so the rest can go in.
                    _rejected.Append(entry);
                    Log.ReplayRejected(_logger, ex, entry.Kind, _rejected.Path);
                }
            }
            _file.Clear();
            Interlocked.Exchange(ref _pending, 0);
            Log.Replayed(_logger, entries.Count, _file.Path);
            Change(JournalState.Database, $"The database takes records again; {entries.Count} record(s) replayed from the fallback file");
            return true;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            Log.ReplayFailed(_logger, ex.GetBaseException().Message);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyAsync(FallbackEntry entry, CancellationToken cancellationToken)
    {
        switch (entry)
        {
            case { Decision: { } decision }:
                if (await _database.GetDecisionAsync(decision.Id, cancellationToken) is null) await _database.RecordDecisionAsync(decision, cancellationToken);
                break;
            case { OrderUpdate: { } order }:
                await _database.UpdateOrderAsync(order, cancellationToken); // sets the whole order: applying it twice changes nothing
                break;
            case { Snapshot: { } snapshot }:
                var existing = await _database.GetSnapshotsAsync(snapshot.Time, 1, cancellationToken);
                if (existing.Count == 0 || existing[0].Time != snapshot.Time) await _database.RecordSnapshotAsync(snapshot, cancellationToken);
                break;
            case { Ledger: { } ledger }:
                await _ledger.SaveAsync(ledger, cancellationToken); // the whole book: the last one wins
                break;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_file.HasEntries) _file.Reserve(); // the database's folder exists by now (migrated before the host starts)
        using var timer = new PeriodicTimer(ReplayEvery, _time);
        do
        {
            try
            {
                if (State != JournalState.Database || _file.HasEntries) await ReplayAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ReplayCrashed(_logger, ex); // tried again at the next tick; the file keeps its records
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>
    /// A failure of the storage itself — SQLite busy, locked, full, read-only, I/O, cannot open; a server that does not answer, refuses
    /// the connection or runs out of resources — not of the record (a key violation, a value the column refuses, a schema error: SQLSTATE
    /// classes 22, 23 and 42), which would fail the same way in the file's replay and is thrown. The exception chain is searched: EF
    /// wraps a provider's exception in <see cref="DbUpdateException"/>, and its execution strategy wraps a transient one (Npgsql's
    /// server-down) in <see cref="InvalidOperationException"/>.
    /// </summary>
    internal static bool IsStorageFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case IOException or TimeoutException or System.Net.Sockets.SocketException:
                    return true;
                case Microsoft.Data.Sqlite.SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 3 or 5 or 6 or 7 or 8 or 10 or 13 or 14 or 15;
                case DbException db:
                    return db.SqlState is not { Length: >= 2 } state
                        || !(state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal) || state.StartsWith("42", StringComparison.Ordinal));
            }
        }
        return false;
    }

    private void Change(JournalState state, string reason)
    {
        _health.Set(state, Pending, state == JournalState.Database ? null : reason);
        _hub?.Publish(new JournalStateChanged(_time.GetUtcNow().UtcDateTime, state, Pending, reason));
    }
}
