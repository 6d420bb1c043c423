using System.Data.Common;
using Microsoft.EntityFrameworkCore;
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
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var location = database.Location;
        await database.PrepareAsync(logger, cancellationToken);
        try
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                Log.DatabaseUpToDate(logger, location);
                return;
            }
            await context.Database.MigrateAsync(cancellationToken);
            Log.MigrationsApplied(logger, pending.Count, location, string.Join(", ", pending));
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException && ex.GetBaseException() is DbException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new DatabaseInitializationException(location, database.DescribeFailure(ex), ex);
        }
    }
}
