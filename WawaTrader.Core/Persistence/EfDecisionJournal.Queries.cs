using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

// The journal's reads for the decisions, trades and exports pages: filtered pages and streamed ranges.
public sealed partial class EfDecisionJournal
{
    private const char LikeEscape = '\\';

    public async Task<DecisionPage> QueryDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Filter(context, query);
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows
            .OrderByDescending(d => d.Time).ThenByDescending(d => d.Seq)
            .Skip(query.Skip)
            .Take(query.EffectivePageSize)
            .Include(d => d.Order).ThenInclude(o => o!.Fills)
            .Include(d => d.Interaction)
            .ToListAsync(cancellationToken);
        return new DecisionPage(page.Select(JournalMapping.ToRecord).ToList(), total);
    }

    public async IAsyncEnumerable<DecisionRecord> StreamDecisionsAsync(
        DateTime? from, DateTime? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Filter(context, new DecisionQuery(From: from, To: to))
            .OrderBy(d => d.Time).ThenBy(d => d.Seq)
            .Include(d => d.Order).ThenInclude(o => o!.Fills)
            .Include(d => d.Interaction)
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return JournalMapping.ToRecord(row);
        }
    }

    public async IAsyncEnumerable<TradeRecord> StreamTradesAsync(
        DateTime? from, DateTime? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var fills = context.Fills.AsNoTracking().OfAgent(_agent);
        if (from is { } start) fills = fills.Where(f => f.Order!.SubmittedAt >= start);
        if (to is { } end) fills = fills.Where(f => f.Order!.SubmittedAt < end);
        var rows = fills
            .OrderBy(f => f.Time).ThenBy(f => f.Id)
            .Select(f => new TradeRecord(
                f.ClientOrderId, f.Order!.DecisionId, f.Order.Symbol, f.Order.Side, f.Quantity, f.Price, f.Commission, f.Time) { Agent = f.Agent })
            .AsAsyncEnumerable();
        await foreach (var trade in rows.WithCancellation(cancellationToken))
        {
            yield return trade;
        }
    }

    public async IAsyncEnumerable<PerformanceSnapshot> StreamSnapshotsAsync(
        DateTime? from, DateTime? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshots = context.PerformanceSnapshots.AsNoTracking().OfAgent(_agent);
        if (from is { } start) snapshots = snapshots.Where(s => s.Time >= start);
        if (to is { } end) snapshots = snapshots.Where(s => s.Time < end);
        var rows = snapshots.OrderBy(s => s.Time).ThenBy(s => s.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return JournalMapping.ToRecord(row);
        }
    }

    /// <summary>The decisions <paramref name="query"/> selects; its text is matched in the decoded reasoning (<see cref="StoredText"/>)
    /// ignoring ASCII case on both providers (SQLite's LIKE does, PostgreSQL's ILIKE).</summary>
    private IQueryable<DecisionEntity> Filter(TradingDbContext context, DecisionQuery query)
    {
        var rows = context.Decisions.AsNoTracking().OfAgent(_agent);
        if (!string.IsNullOrWhiteSpace(query.Symbol))
        {
            var symbol = query.Symbol.Trim().ToUpperInvariant();
            rows = rows.Where(d => d.Symbol == symbol);
        }
        if (query.Action is { } action) rows = rows.Where(d => d.Action == action);
        if (query.Approved is { } approved) rows = rows.Where(d => d.Approved == approved);
        if (query.Source is { } source) rows = rows.Where(d => d.Source == source);
        if (query.From is { } from) rows = rows.Where(d => d.Time >= from);
        if (query.To is { } to) rows = rows.Where(d => d.Time < to);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = $"%{EscapeLike(query.Text.Trim())}%";
            rows = context.Database.IsNpgsql()
                ? rows.Where(d => EF.Functions.ILike(StoredText.Decoded(d.Reasoning), pattern, LikeEscape.ToString()))
                : rows.Where(d => EF.Functions.Like(StoredText.Decoded(d.Reasoning), pattern, LikeEscape.ToString()));
        }
        return rows;
    }

    private static string EscapeLike(string text) => text
        .Replace(LikeEscape.ToString(), $"{LikeEscape}{LikeEscape}", StringComparison.Ordinal)
        .Replace("%", $"{LikeEscape}%", StringComparison.Ordinal)
        .Replace("_", $"{LikeEscape}_", StringComparison.Ordinal);
}
