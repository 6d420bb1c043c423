using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.FirstRun;

namespace WawaTrader.Core.Persistence;

/// <summary><see cref="IFirstRunStore"/> over the one row of <c>first_run</c>; a short-lived context per call.</summary>
public sealed class EfFirstRunStore(IDbContextFactory<TradingDbContext> contexts, TimeProvider time) : IFirstRunStore
{
    public async Task<FirstRunState> GetAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return State(await RowAsync(context, cancellationToken));
    }

    public async Task<FirstRunState> DismissTourAsync(DateTime time, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await RowAsync(context, cancellationToken);
        if (row.TourDismissedAt is null)
        {
            row.TourDismissedAt = time;
            await context.SaveChangesAsync(cancellationToken);
        }
        return State(row);
    }

    /// <summary>The row, inserted on first use (fresh when there is no decision and no backtest). Two first calls at once: the
    /// loser of the insert reads the winner's row.</summary>
    private async Task<FirstRunEntity> RowAsync(TradingDbContext context, CancellationToken cancellationToken)
    {
        if (await context.FirstRun.FindAsync([FirstRunEntity.SingletonId], cancellationToken) is { } row) return row;
        var fresh = !await context.Decisions.AnyAsync(cancellationToken) && !await context.Backtests.AnyAsync(cancellationToken);
        row = new FirstRunEntity { Id = FirstRunEntity.SingletonId, StartedAt = time.GetUtcNow().UtcDateTime, FreshDatabase = fresh };
        context.FirstRun.Add(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return row;
        }
        catch (DbUpdateException)
        {
            context.ChangeTracker.Clear();
            return await context.FirstRun.SingleAsync(r => r.Id == FirstRunEntity.SingletonId, cancellationToken);
        }
    }

    private static FirstRunState State(FirstRunEntity row) => new(row.FreshDatabase, row.TourDismissedAt);
}
