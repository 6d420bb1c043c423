using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Configuration;

namespace WawaTrader.Core.Persistence;

/// <summary><see cref="ISettingsStore"/> over EF Core: a short-lived context per call; a save is one transaction. Each agent keeps its
/// own settings and history (the rows of <see cref="AgentIdentity.Name"/>).</summary>
public sealed class EfSettingsStore(IDbContextFactory<TradingDbContext> contexts, AgentIdentity agent) : ISettingsStore
{
    public async Task<IReadOnlyList<StoredSetting>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Settings.AsNoTracking().OfAgent(agent.Name).OrderBy(s => s.Category).ThenBy(s => s.Key).ToListAsync(cancellationToken);
        return rows.Select(s => new StoredSetting(s.Category, s.Key, s.Value)).ToList();
    }

    public async Task<IReadOnlyList<SettingChange>> SaveAsync(
        IReadOnlyList<StoredSetting> values, IReadOnlyList<SettingChangeDraft> history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(history);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        foreach (var value in values)
        {
            var row = await context.Settings.FindAsync([agent.Name, value.Category, value.Key], cancellationToken);
            if (value.Value is null)
            {
                if (row is not null) context.Settings.Remove(row);
            }
            else if (row is null)
            {
                context.Settings.Add(new SettingEntity { Agent = agent.Name, Category = value.Category, Key = value.Key, Value = value.Value });
            }
            else
            {
                row.Value = value.Value;
            }
        }
        var entities = history.Select(h => new SettingHistoryEntity
        {
            Agent = agent.Name, Time = h.Time, Category = h.Category, Field = h.Field, OldValue = h.OldValue, NewValue = h.NewValue,
            Source = h.Source, RevertedChangeId = h.RevertedChangeId,
        }).ToList();
        context.SettingsHistory.AddRange(entities);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entities.Select(ToRecord).ToList();
    }

    public async Task<IReadOnlyList<SettingChange>> GetHistoryAsync(string? category, int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = context.SettingsHistory.AsNoTracking().OfAgent(agent.Name);
        if (!string.IsNullOrWhiteSpace(category))
        {
            var name = SettingsCategories.Find(category)?.Name ?? category.Trim();
            rows = rows.Where(h => h.Category == name);
        }
        var list = await rows.OrderByDescending(h => h.Id).Take(Math.Max(1, limit)).ToListAsync(cancellationToken);
        return list.Select(ToRecord).ToList();
    }

    public async Task<SettingChange?> GetChangeAsync(long id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.SettingsHistory.AsNoTracking().OfAgent(agent.Name).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    private static SettingChange ToRecord(SettingHistoryEntity h) =>
        new(h.Id, h.Time, h.Category, h.Field, h.OldValue, h.NewValue, h.Source, h.RevertedChangeId);
}
