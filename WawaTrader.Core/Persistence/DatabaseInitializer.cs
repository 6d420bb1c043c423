using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Prepares the journal database at start-up, before the agent runs, whichever provider is configured: SQLite gets its file and
/// folder owner-only (<see cref="OwnerOnlyFiles"/>) and WAL; then the provider's pending EF Core migrations are applied (on
/// PostgreSQL this creates the database when it is missing). Running it on an up-to-date database changes nothing.
/// Failures throw <see cref="DatabaseInitializationException"/> naming the file or the server (never a password).
/// </summary>
public sealed class DatabaseInitializer(
    JournalDatabase database,
    IDbContextFactory<TradingDbContext> contexts,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>The advisory lock key migrations take on PostgreSQL ("WawaMigr" as an integer).</summary>
    public const long MigrationLockKey = 0x5761_7761_4D69_6772;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var location = database.Location;
        await database.PrepareAsync(logger, cancellationToken);
        try
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            // Several processes (named agents) may start on one PostgreSQL database at once: one migrates, the others wait on a
            // session advisory lock held on the context's own connection, then find nothing pending.
            var shared = context.Database.IsNpgsql();
            if (shared)
            {
                var creator = context.GetService<IRelationalDatabaseCreator>();
                if (!await creator.ExistsAsync(cancellationToken))
                {
                    try { await creator.CreateAsync(cancellationToken); }
                    catch (DbException) when (creator.Exists()) { } // another process created it first
                }
                await context.Database.OpenConnectionAsync(cancellationToken);
                await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            }
            try
            {
                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count == 0)
                {
                    Log.DatabaseUpToDate(logger, location);
                    return;
                }
                await context.Database.MigrateAsync(cancellationToken);
                Log.MigrationsApplied(logger, pending.Count, location, string.Join(", ", pending));
            }
            finally
            {
                if (shared) await context.Database.CloseConnectionAsync(); // ends the session: the advisory lock goes with it
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException && ex.GetBaseException() is DbException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new DatabaseInitializationException(location, database.DescribeFailure(ex), ex);
        }
    }
}
