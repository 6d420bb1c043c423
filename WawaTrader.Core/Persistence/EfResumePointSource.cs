using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WawaTrader.Core.Agents;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Concurrency;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// The one place that knows where the market resumes: for each symbol, the later of the paper ledger's mark (the last bar the
/// paper broker saw, saved with the ledger) and the bar of the symbol's latest decision in the journal (written before any order,
/// so after a crash it can be newer than the ledger). Resuming after both means no bar is decided twice and none is older than
/// the broker's mark. Read once, by the first caller (the market and the trading cycle both ask), and remembered: where this
/// process resumes is fixed when it starts. Only the agent's own ledger and decisions count.
/// </summary>
public sealed class EfResumePointSource(IDbContextFactory<TradingDbContext> contexts, AgentIdentity agent, ILogger<EfResumePointSource> logger) : IResumePointSource
{
    private readonly AsyncGate _loading = new();
    private ResumePoint? _loaded;

    public async Task<ResumePoint> LoadAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loaded) is { } loaded) return loaded;
        await _loading.EnterAsync(cancellationToken);
        try
        {
            if (_loaded is null) Volatile.Write(ref _loaded, await ReadAsync(cancellationToken));
            return _loaded!;
        }
        finally
        {
            _loading.Exit();
        }
    }

    private async Task<ResumePoint> ReadAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var last = new Dictionary<string, RecordedBar>(StringComparer.OrdinalIgnoreCase);

        var ledgerJson = await context.PaperLedger.AsNoTracking()
            .Where(l => l.Agent == agent.Name)
            .Select(l => l.Json)
            .SingleOrDefaultAsync(cancellationToken);
        if (ledgerJson is not null)
        {
            foreach (var (symbol, mark) in PersistenceJson.Deserialize<PaperLedger>(ledgerJson, "paper ledger").Marks)
                Keep(last, symbol, new RecordedBar(mark.BarTime, (double)mark.Close));
        }

        var latest = context.Decisions.OfAgent(agent.Name)
            .GroupBy(d => d.Symbol)
            .Select(g => new { Symbol = g.Key, BarTime = g.Max(d => d.BarTime) });
        var decided = await context.Decisions.AsNoTracking().OfAgent(agent.Name)
            .Join(latest, d => new { d.Symbol, d.BarTime }, l => new { l.Symbol, l.BarTime }, (d, l) => new { d.Symbol, d.BarTime, d.Indicators, d.IndicatorsJson })
            .ToListAsync(cancellationToken);
        foreach (var decision in decided)
        {
            var close = JournalMapping.Indicators(decision.Indicators, decision.IndicatorsJson, decision.BarTime).Close;
            Keep(last, decision.Symbol, new RecordedBar(decision.BarTime, close));
        }

        var resume = new ResumePoint(last);
        if (resume.LastBarTime is { } time) Log.MarketResumes(logger, last.Count, time);
        return resume;
    }

    private static void Keep(Dictionary<string, RecordedBar> last, string symbol, RecordedBar bar)
    {
        if (!double.IsFinite(bar.Close) || bar.Close <= 0) return;
        if (!last.TryGetValue(symbol, out var known) || bar.Time > known.Time) last[symbol] = bar;
    }
}
