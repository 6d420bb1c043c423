using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="ILlmInteractionStore"/> over EF Core: a short-lived, no-tracking context per call. The later closes come from
/// the <c>decisions</c> table (the indicator snapshot's close, in either stored form), one query per symbol.
/// It reads the agent's own interactions and decisions; <see cref="ForAgent"/> reads another's (or all, with null).
/// </summary>
public sealed class EfLlmInteractionStore(IDbContextFactory<TradingDbContext> contexts, AgentIdentity agent) : ILlmInteractionStore
{
    private const char LikeEscape = '\\';

    private string? _view = agent.Name;

    /// <summary>A view of the interactions of <paramref name="name"/>, or of every agent when it is null.</summary>
    public EfLlmInteractionStore ForAgent(string? name) => new(contexts, agent) { _view = name };

    public async Task<IReadOnlyList<LlmInteraction>> QueryAsync(LlmInteractionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = context.LlmInteractions.AsNoTracking().OfAgent(_view);
        if (query.Symbol is { } symbol) rows = rows.Where(i => i.Symbol == symbol);
        if (query.Model is { } model) rows = rows.Where(i => i.Model == model);
        if (query.Outcome is { } outcome) rows = rows.Where(i => i.Outcome == outcome);
        if (query.From is { } from) rows = rows.Where(i => i.Time >= from);
        if (query.To is { } to) rows = rows.Where(i => i.Time < to);
        if (!string.IsNullOrEmpty(query.Text))
        {
            var pattern = $"%{EscapeLike(query.Text)}%";
            // Ignoring ASCII case on both providers: SQLite's LIKE does, PostgreSQL's ILIKE. The error is stored encoded (StoredText).
            rows = context.Database.IsNpgsql()
                ? rows.Where(i =>
                    EF.Functions.ILike(i.Prompt, pattern, LikeEscape.ToString())
                    || (i.RawResponse != null && EF.Functions.ILike(i.RawResponse, pattern, LikeEscape.ToString()))
                    || (i.ParsedReasoning != null && EF.Functions.ILike(i.ParsedReasoning, pattern, LikeEscape.ToString()))
                    || (i.Error != null && EF.Functions.ILike(StoredText.Decoded(i.Error), pattern, LikeEscape.ToString())))
                : rows.Where(i =>
                    EF.Functions.Like(i.Prompt, pattern, LikeEscape.ToString())
                    || (i.RawResponse != null && EF.Functions.Like(i.RawResponse, pattern, LikeEscape.ToString()))
                    || (i.ParsedReasoning != null && EF.Functions.Like(i.ParsedReasoning, pattern, LikeEscape.ToString()))
                    || (i.Error != null && EF.Functions.Like(StoredText.Decoded(i.Error), pattern, LikeEscape.ToString())));
        }
        var list = await rows
            .OrderByDescending(i => i.Time).ThenByDescending(i => i.BarTime).ThenBy(i => i.Id)
            .Take(Math.Clamp(query.Limit, 1, LlmInteractionQuery.MaxLimit))
            .ToListAsync(cancellationToken);
        return list.Select(JournalMapping.ToRecord).ToList();
    }

    public async Task<IReadOnlyList<LlmInteraction>> GetSinceAsync(DateTime? from, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = context.LlmInteractions.AsNoTracking().OfAgent(_view);
        if (from is { } start) rows = rows.Where(i => i.Time >= start);
        var list = await rows.OrderBy(i => i.Time).ThenBy(i => i.BarTime).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return list.Select(JournalMapping.ToRecord).ToList();
    }

    // The analyst keeps the prompt of the first failed call of a run of identical failures and drops it until a call is answered
    // (LlmAnalyst), and one agent runs in one process at a time (its lease): so a repeated failure's keeper is its agent's latest
    // earlier failed call with the same error that kept its prompt. Read without the prompts, oldest first; one more query per
    // agent and error whose keeper is before the range.
    public async Task<IReadOnlyDictionary<Guid, Guid>> GetPromptKeepersAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var failed = context.LlmInteractions.AsNoTracking().OfAgent(_view).Where(i => i.Outcome == LlmOutcome.Failed);
        if (to is { } end) failed = failed.Where(i => i.Time < end);
        var inRange = from is { } start ? failed.Where(i => i.Time >= start) : failed;
        var calls = await inRange.OrderBy(i => i.Time).ThenBy(i => i.BarTime).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.DecisionId, i.Agent, i.Error, Kept = i.Prompt != "" })
            .ToListAsync(cancellationToken);
        var keepers = new Dictionary<Guid, Guid>();
        var lastKept = new Dictionary<(string Agent, string? Error), Guid>();
        var earlier = new Dictionary<(string Agent, string? Error), List<Guid>>();
        foreach (var call in calls)
        {
            var run = (call.Agent, call.Error);
            if (call.Kept) lastKept[run] = call.DecisionId;
            else if (lastKept.TryGetValue(run, out var keeper)) keepers[call.Id] = keeper;
            else if (from is not null) (earlier.TryGetValue(run, out var ids) ? ids : earlier[run] = []).Add(call.Id);
        }
        foreach (var ((runAgent, error), ids) in earlier)
        {
            var keeper = await failed
                .Where(i => i.Agent == runAgent && i.Error == error && i.Prompt != "" && i.Time < from!.Value)
                .OrderByDescending(i => i.Time).ThenByDescending(i => i.BarTime)
                .Select(i => (Guid?)i.DecisionId)
                .FirstOrDefaultAsync(cancellationToken);
            if (keeper is { } k) ids.ForEach(id => keepers[id] = k);
        }
        return keepers;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<BarClose>>> GetClosesAfterAsync(
        IReadOnlyDictionary<string, DateTime> afterBySymbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(afterBySymbol);
        var result = new Dictionary<string, IReadOnlyList<BarClose>>(StringComparer.Ordinal);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var (symbol, after) in afterBySymbol)
        {
            var afterUtc = after.Kind == DateTimeKind.Local ? after.ToUniversalTime() : DateTime.SpecifyKind(after, DateTimeKind.Utc);
            var rows = await context.Decisions.AsNoTracking().OfAgent(_view)
                .Where(d => d.Symbol == symbol && d.BarTime > afterUtc)
                .OrderBy(d => d.BarTime)
                .Select(d => new { d.BarTime, d.Indicators, d.IndicatorsJson })
                .ToListAsync(cancellationToken);
            // One close per bar time (a bar decided twice, e.g. across a restart, has the same close); bars without a finite close are left out.
            result[symbol] = rows
                .Select(r => new BarClose(r.BarTime, JournalMapping.Indicators(r.Indicators, r.IndicatorsJson, r.BarTime).Close))
                .Where(c => double.IsFinite(c.Close))
                .GroupBy(c => c.BarTime)
                .Select(g => g.MaxBy(c => c.Close)!)
                .ToList();
        }
        return result;
    }

    private static string EscapeLike(string text) => text
        .Replace(LikeEscape.ToString(), $"{LikeEscape}{LikeEscape}", StringComparison.Ordinal)
        .Replace("%", $"{LikeEscape}%", StringComparison.Ordinal)
        .Replace("_", $"{LikeEscape}_", StringComparison.Ordinal);
}
