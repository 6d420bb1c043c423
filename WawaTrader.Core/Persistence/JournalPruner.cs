using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WawaTrader.Core.Agents;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Deletes what <see cref="RetentionOptions"/> says is expired, in the background, in batches of
/// <see cref="RetentionOptions.BatchSize"/> rows so the trading cycle's writes never wait long: decisions without an order
/// older than <see cref="RetentionOptions.DecisionsDays"/> (their interactions go with them), and model interactions older
/// than <see cref="RetentionOptions.InteractionsDays"/>. Settings are read on every pass. A failed pass is logged and tried
/// again at the next interval. Each agent prunes its own rows by its own settings, never another's.
/// </summary>
public sealed class JournalPruner(
    IDbContextFactory<TradingDbContext> contexts,
    AgentIdentity agent,
    IOptionsMonitor<RetentionOptions> options,
    TimeProvider time,
    ILogger<JournalPruner> logger) : BackgroundService
{
    /// <summary>One pass: every expired row, batch by batch. Returns how many decisions and interactions were deleted.</summary>
    public async Task<(int Decisions, int Interactions)> PruneAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        var decisions = 0;
        var interactions = 0;
        if (o.DecisionsDays is { } decisionDays)
        {
            var cutoff = now.AddDays(-decisionDays);
            decisions = await InBatchesAsync(o.BatchSize, (context, batch, ct) => context.Decisions.OfAgent(agent.Name)
                .Where(d => d.Time < cutoff && !context.Orders.Any(order => order.DecisionId == d.Id))
                .OrderBy(d => d.Seq).Take(batch).ExecuteDeleteAsync(ct), cancellationToken);
        }
        if (o.InteractionsDays is { } interactionDays)
        {
            var cutoff = now.AddDays(-interactionDays);
            interactions = await InBatchesAsync(o.BatchSize, (context, batch, ct) => context.LlmInteractions.OfAgent(agent.Name)
                .Where(i => i.Time < cutoff).OrderBy(i => i.Time).Take(batch).ExecuteDeleteAsync(ct), cancellationToken);
        }
        if (decisions + interactions > 0) Log.JournalPruned(logger, decisions, interactions);
        return (decisions, interactions);
    }

    private async Task<int> InBatchesAsync(int batch, Func<TradingDbContext, int, CancellationToken, Task<int>> delete, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var deleted = await delete(context, batch, cancellationToken);
            total += deleted;
            if (deleted < batch) return total;
            await Task.Yield(); // let the cycle's writer in between batches
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            if (o.DecisionsDays is not null || o.InteractionsDays is not null)
            {
                try { await PruneAsync(stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception ex) { Log.PruneFailed(logger, ex); }
            }
            try { await Task.Delay(o.Interval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
