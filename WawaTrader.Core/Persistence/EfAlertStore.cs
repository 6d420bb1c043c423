using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Alerts;

namespace WawaTrader.Core.Persistence;

/// <summary><see cref="IAlertStore"/> over EF Core: a short-lived context per call, no tracking on reads. Alerts carry the agent that
/// sent them and the agent sees only its own; <see cref="ForAgent"/> reads another's (or all, with null).</summary>
public sealed class EfAlertStore(IDbContextFactory<TradingDbContext> contexts, AgentIdentity agent) : IAlertStore
{
    private string? _view = agent.Name;

    /// <summary>A view of the alerts of <paramref name="name"/>, or of every agent when it is null, for reading.</summary>
    public EfAlertStore ForAgent(string? name) => new(contexts, agent) { _view = name };

    /// <summary>Longest subject and error stored (longer ones are cut).</summary>
    public const int MaxSubject = 500, MaxError = 2000;

    public async Task<AlertDelivery> AddAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new AlertEntity
        {
            Agent = agent.Name,
            Time = delivery.Time,
            Type = delivery.Type,
            Severity = delivery.Severity,
            Channel = delivery.Channel,
            Subject = Cut(delivery.Subject, MaxSubject)!,
            Status = delivery.Status,
            Attempts = delivery.Attempts,
            Error = Cut(delivery.Error, MaxError),
            CompletedAt = delivery.CompletedAt,
            DecisionId = delivery.DecisionId,
            Count = delivery.Count,
        };
        context.Alerts.Add(row);
        await context.SaveChangesAsync(cancellationToken);
        return delivery with { Id = row.Id, Agent = agent.Name };
    }

    public async Task UpdateAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var error = Cut(delivery.Error, MaxError);
        await context.Alerts.OfAgent(agent.Name).Where(a => a.Id == delivery.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, delivery.Status)
            .SetProperty(a => a.Attempts, delivery.Attempts)
            .SetProperty(a => a.Error, error)
            .SetProperty(a => a.CompletedAt, delivery.CompletedAt), cancellationToken);
    }

    public async Task<IReadOnlyList<AlertDelivery>> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = context.Alerts.AsNoTracking().OfAgent(_view);
        if (query.Type is { } type) rows = rows.Where(a => a.Type == type);
        if (query.Channel is { } channel) rows = rows.Where(a => a.Channel == channel);
        if (query.Status is { } status) rows = rows.Where(a => a.Status == status);
        var list = await rows.OrderByDescending(a => a.Id).Take(Math.Clamp(query.Limit, 1, AlertQuery.MaxLimit)).ToListAsync(cancellationToken);
        return list.Select(a => new AlertDelivery(a.Id, a.Time, a.Type, a.Severity, a.Channel, a.Subject, a.Status, a.Attempts, a.Error,
            a.CompletedAt, a.DecisionId, a.Count) { Agent = a.Agent }).ToList();
    }

    public async Task<int> FailPendingAsync(string error, DateTime time, DateTime createdBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var text = Cut(error, MaxError);
        return await context.Alerts.OfAgent(agent.Name).Where(a => a.Status == AlertStatus.Pending && a.Time < createdBefore).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, AlertStatus.Failed)
            .SetProperty(a => a.Error, a => a.Error == null ? text : text + " Last error: " + a.Error)
            .SetProperty(a => a.CompletedAt, time), cancellationToken);
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
