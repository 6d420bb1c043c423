using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace WawaTrader.Core.Persistence;

/// <summary>How many rows of one table the source held and the target holds after a <see cref="DatabaseCopy"/>.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>A copy that did not happen: the target already holds rows (<c>db copy</c> fills an empty database only: copying twice would
/// double the history), or a database failed during it (the target's transaction is rolled back). The message says which.</summary>
public sealed class DatabaseCopyException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Copies a whole journal from one database to another, of either provider (SQLite → PostgreSQL to outgrow the file): decisions,
/// orders, fills, model interactions, performance snapshots, the paper ledger, settings and their history, backtests and the bar
/// cache, keys included, in one transaction on the target, rows streamed from the source and written in batches. Both databases must
/// be migrated first; the target must be empty. On PostgreSQL the identity sequences are moved past the copied keys so new rows get
/// fresh ones. Returns the row count of each table on both sides, counted after the copy.
/// </summary>
public static class DatabaseCopy
{
    /// <summary>Rows written per <c>SaveChanges</c>.</summary>
    public const int BatchSize = 1000;

    /// <summary>Copies between the journals of two <see cref="PersistenceServiceCollectionExtensions.AddPersistence"/> service providers
    /// (both migrated); throws <see cref="DatabaseCopyException"/> when the target is not empty or a database fails.</summary>
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(IServiceProvider source, IServiceProvider target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            return await CopyAsync(source.GetRequiredService<IDbContextFactory<TradingDbContext>>(), target.GetRequiredService<IDbContextFactory<TradingDbContext>>(),
                cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException || (ex is InvalidOperationException && ex.GetBaseException() is DbException))
        {
            throw new DatabaseCopyException($"The copy failed and was rolled back: {ex.GetBaseException().Message}", ex);
        }
    }

    /// <summary>Copies between two context factories (both migrated); throws <see cref="DatabaseCopyException"/> when the target is not empty.</summary>
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(
        IDbContextFactory<TradingDbContext> source, IDbContextFactory<TradingDbContext> target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        await using (var check = await target.CreateDbContextAsync(cancellationToken))
        {
            var held = (await CountAllAsync(check, cancellationToken)).Where(c => c.Rows > 0).ToList();
            if (held.Count > 0)
            {
                throw new DatabaseCopyException("The target database is not empty (" + string.Join(", ", held.Select(h => $"{h.Rows} {h.Table}")) +
                    "); db copy fills an empty database only.");
            }
        }

        await using (var from = await source.CreateDbContextAsync(cancellationToken))
        await using (var to = await target.CreateDbContextAsync(cancellationToken))
        {
            from.ChangeTracker.AutoDetectChangesEnabled = false;
            to.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await to.Database.BeginTransactionAsync(cancellationToken);
            // Parents before children: orders and interactions refer to decisions, fills to orders.
            await CopyTableAsync(from.Decisions.OrderBy(d => d.Seq), to, cancellationToken);
            await CopyTableAsync(from.Orders, to, cancellationToken);
            await CopyTableAsync(from.Fills.OrderBy(f => f.Id), to, cancellationToken);
            await CopyTableAsync(from.LlmInteractions, to, cancellationToken);
            await CopyTableAsync(from.PerformanceSnapshots.OrderBy(s => s.Id), to, cancellationToken);
            await CopyTableAsync(from.PaperLedger, to, cancellationToken);
            await CopyTableAsync(from.Settings, to, cancellationToken);
            await CopyTableAsync(from.SettingsHistory.OrderBy(h => h.Id), to, cancellationToken);
            await CopyTableAsync(from.Backtests, to, cancellationToken);
            await CopyTableAsync(from.Bars, to, cancellationToken);
            await CopyTableAsync(from.FirstRun, to, cancellationToken);
            if (to.Database.IsNpgsql()) await AdvanceIdentitiesAsync(to, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await using var sourceCount = await source.CreateDbContextAsync(cancellationToken);
        await using var targetCount = await target.CreateDbContextAsync(cancellationToken);
        var before = await CountAllAsync(sourceCount, cancellationToken);
        var after = await CountAllAsync(targetCount, cancellationToken);
        return before.Zip(after, (s, t) => new TableCount(s.Table, s.Rows, t.Rows)).ToList();
    }

    private static async Task CopyTableAsync<T>(IQueryable<T> rows, TradingDbContext to, CancellationToken cancellationToken) where T : class
    {
        var pending = 0;
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            to.Add(row);
            if (++pending < BatchSize) continue;
            await FlushAsync(to, cancellationToken);
            pending = 0;
        }
        if (pending > 0) await FlushAsync(to, cancellationToken);
    }

    private static async Task FlushAsync(TradingDbContext to, CancellationToken cancellationToken)
    {
        await to.SaveChangesAsync(cancellationToken);
        to.ChangeTracker.Clear();
    }

    /// <summary>Copied keys were inserted explicitly, which leaves PostgreSQL's identity sequences behind them.</summary>
    private static async Task AdvanceIdentitiesAsync(TradingDbContext to, CancellationToken cancellationToken)
    {
        foreach (var (table, column) in new[] { ("decisions", "seq"), ("fills", "id"), ("performance_snapshots", "id"), ("settings_history", "id") })
        {
            // Table and column names are this list's constants, never input.
#pragma warning disable EF1002
            await to.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)", cancellationToken);
#pragma warning restore EF1002
        }
    }

    private static async Task<List<(string Table, long Rows)>> CountAllAsync(TradingDbContext context, CancellationToken cancellationToken) =>
    [
        ("decisions", await context.Decisions.LongCountAsync(cancellationToken)),
        ("orders", await context.Orders.LongCountAsync(cancellationToken)),
        ("fills", await context.Fills.LongCountAsync(cancellationToken)),
        ("llm_interactions", await context.LlmInteractions.LongCountAsync(cancellationToken)),
        ("performance_snapshots", await context.PerformanceSnapshots.LongCountAsync(cancellationToken)),
        ("paper_ledger", await context.PaperLedger.LongCountAsync(cancellationToken)),
        ("settings", await context.Settings.LongCountAsync(cancellationToken)),
        ("settings_history", await context.SettingsHistory.LongCountAsync(cancellationToken)),
        ("backtests", await context.Backtests.LongCountAsync(cancellationToken)),
        ("bars", await context.Bars.LongCountAsync(cancellationToken)),
    ];
}
