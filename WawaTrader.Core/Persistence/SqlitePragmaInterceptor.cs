using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WawaTrader.Core.Persistence;

/// <summary>Sets the per-connection pragmas (busy timeout, synchronous=NORMAL, page cache size, and whether a commit checkpoints the
/// WAL: not while <paramref name="checkpointsInBackground"/> says <see cref="SqliteCheckpointer"/> does) and registers the journal's
/// SQL function (<see cref="StoredText"/>) each time EF opens a connection.</summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutMilliseconds, int cacheKibibytes, Func<bool> checkpointsInBackground) : DbConnectionInterceptor
{
    // A negative cache_size is in KiB (SQLite's convention); the cache is per connection and fills only as pages are read.
    // 1,000 pages is SQLite's own default for a commit's checkpoint.
    private readonly string _atCommit = Pragmas(busyTimeoutMilliseconds, cacheKibibytes, autoCheckpointPages: 1000);
    private readonly string _background = Pragmas(busyTimeoutMilliseconds, cacheKibibytes, autoCheckpointPages: 0);

    private string Sql => checkpointsInBackground() ? _background : _atCommit;

    private static string Pragmas(int busyTimeoutMilliseconds, int cacheKibibytes, int autoCheckpointPages) =>
        $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{cacheKibibytes}; " +
        $"PRAGMA wal_autocheckpoint = {autoCheckpointPages};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        StoredText.Register((SqliteConnection)connection);
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        StoredText.Register((SqliteConnection)connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
