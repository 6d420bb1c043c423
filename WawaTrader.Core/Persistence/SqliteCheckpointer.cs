using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Diagnostics;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Takes SQLite's WAL checkpoints out of the writers' commits. By default the commit that takes the WAL past 1,000 pages copies
/// them into the database file and syncs it, inside that write; the journal's 500-symbol write dirties about 1,000 pages, so nearly
/// every write paid for one. While this service runs, connections EF opens do not checkpoint at commit
/// (<see cref="SqliteConnectionFactory.CheckpointsInBackground"/>) and a PASSIVE checkpoint runs every <see cref="Every"/> on a
/// connection of its own: it blocks no reader and no writer, and a page written by several commits meanwhile is copied once. The
/// WAL stays bounded: when a reader kept a checkpoint from finishing and the file has grown past <see cref="MaxWalBytes"/>, a
/// TRUNCATE checkpoint waits for the readers (within the busy timeout) and empties it. When the service stops, commits checkpoint
/// again as SQLite does by default, and one last checkpoint runs. Failures are logged once, then summarised, then once when it
/// works again. Nothing to do on PostgreSQL.
/// </summary>
public sealed class SqliteCheckpointer(JournalDatabase database, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>Time between two background checkpoints.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    /// <summary>WAL size past which a checkpoint that could not finish is followed by one that waits for the readers.</summary>
    public const long MaxWalBytes = 64L * 1024 * 1024;

    private readonly OutageTracker _outage = new(time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database is not SqliteDatabase sqlite) return;
        var connections = sqlite.Connections;
        connections.CheckpointsInBackground = true;
        try
        {
            using var timer = new PeriodicTimer(Every, time);
            while (await TickAsync(timer, stoppingToken)) await CheckpointAsync(connections, stoppingToken);
        }
        finally
        {
            connections.CheckpointsInBackground = false;
            await CheckpointAsync(connections, CancellationToken.None);
        }
    }

    /// <summary>One PASSIVE checkpoint, then a TRUNCATE one if the WAL is still too large; never throws (but for a cancellation).</summary>
    internal async Task CheckpointAsync(SqliteConnectionFactory connections, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = connections.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await RunAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
            var wal = new FileInfo(connections.DatabasePath + "-wal");
            if (wal.Exists && wal.Length > MaxWalBytes)
                await RunAsync(connection, $"PRAGMA busy_timeout = {SqliteConnectionFactory.BusyTimeoutMilliseconds}; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            if (_outage.Succeeded() is { Notice: OutageNotice.Recovered } back) Log.CheckpointsBack(logger, back.Down, back.Failures);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            // Commits do not checkpoint meanwhile: the WAL grows until the database takes checkpoints again (the journal's own
            // failures are handled by the fallback journal).
            var outage = _outage.Failed(ex.Message);
            if (outage.Notice == OutageNotice.WentDown) Log.CheckpointFailed(logger, ex.Message);
            else if (outage.Notice == OutageNotice.StillDown) Log.CheckpointStillFailing(logger, outage.Failures, _outage.SummaryEvery, outage.Reason);
        }
    }

    private static async Task RunAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken); // (busy, WAL frames, frames checkpointed)
        while (await reader.ReadAsync(cancellationToken)) { }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}
