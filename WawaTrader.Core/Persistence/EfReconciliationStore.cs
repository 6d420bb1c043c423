using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Brokers;

namespace WawaTrader.Core.Persistence;

/// <summary><see cref="IReconciliationStore"/> over EF Core (<c>reconciliation_events</c>): a short-lived context per call, every row
/// tagged with its agent (a validated <see cref="AgentIdentity"/>), reads limited to it, newest first. Texts longer than their columns are cut.</summary>
public sealed class EfReconciliationStore(IDbContextFactory<TradingDbContext> contexts, AgentIdentity agent) : IReconciliationStore
{
    /// <summary>Longest symbol, value, client order id and description stored.</summary>
    public const int MaxSymbol = 32, MaxValue = 64, MaxClientOrderId = 64, MaxDescription = 2000;

    /// <summary>The agent whose events this store writes and reads.</summary>
    public string Agent { get; } = agent.Name;

    public async Task AddAsync(ReconciliationEvent reconciliationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reconciliationEvent);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.ReconciliationEvents.Add(new ReconciliationEventEntity
        {
            Agent = Agent,
            Time = reconciliationEvent.Time,
            Kind = reconciliationEvent.Kind,
            Symbol = Cut(reconciliationEvent.Symbol, MaxSymbol),
            OurValue = Cut(reconciliationEvent.OurValue, MaxValue),
            BrokerValue = Cut(reconciliationEvent.BrokerValue, MaxValue),
            Description = Cut(reconciliationEvent.Description, MaxDescription)!,
            ClientOrderId = Cut(reconciliationEvent.ClientOrderId, MaxClientOrderId),
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReconciliationEvent>> GetLatestAsync(int limit, long? beforeId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = context.ReconciliationEvents.AsNoTracking().OfAgent(Agent);
        if (beforeId is { } before) rows = rows.Where(e => e.Id < before);
        var list = await rows.OrderByDescending(e => e.Id).Take(Math.Max(0, limit)).ToListAsync(cancellationToken);
        return list.Select(e => new ReconciliationEvent(e.Time, e.Kind, e.Symbol, e.ClientOrderId, e.Description)
        {
            OurValue = e.OurValue,
            BrokerValue = e.BrokerValue,
            Id = e.Id,
            Agent = e.Agent,
        }).ToList();
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
