using Microsoft.EntityFrameworkCore;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Persistence;

// The closes of the bars decided since a market time, for the equity chart's buy-and-hold line.
public sealed partial class EfDecisionJournal
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RecordedBar>>> GetDecidedClosesAsync(DateTime marketTimeFrom, CancellationToken cancellationToken)
    {
        var from = marketTimeFrom.Kind == DateTimeKind.Local ? marketTimeFrom.ToUniversalTime() : DateTime.SpecifyKind(marketTimeFrom, DateTimeKind.Utc);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = _agent is null
            ? await context.Decisions.AsNoTracking()
                .Where(d => d.BarTime >= from)
                .Select(d => new DecidedRow { Seq = d.Seq, Symbol = d.Symbol, BarTime = d.BarTime, Indicators = d.Indicators, IndicatorsJson = d.IndicatorsJson })
                .ToListAsync(cancellationToken)
            : await context.Database.SqlQuery<DecidedRow>(DecidedSinceSql(_agent, from)).ToListAsync(cancellationToken);
        return DecidedCloses.Group(rows
            .Select(r => r with { BarTime = DateTime.SpecifyKind(r.BarTime, DateTimeKind.Utc) })
            .OrderBy(r => r.BarTime).ThenBy(r => r.Seq)
            .Select(r => (r.Symbol, new RecordedBar(r.BarTime, JournalMapping.Indicators(r.Indicators, r.IndicatorsJson, r.BarTime).Close))));
    }

    /// <summary>
    /// An agent's decisions on bars at or after <paramref name="from"/>, through the (agent, symbol, bar_time) index: the agent's
    /// symbols are walked one index seek each (a skip scan, as a recursive query both providers run), then each symbol's bars since
    /// <paramref name="from"/> are one range of the index. So no index on (agent, bar_time) is needed for it.
    /// </summary>
    internal static FormattableString DecidedSinceSql(string agent, DateTime from) => $"""
        WITH RECURSIVE symbols(symbol) AS (
            SELECT (SELECT symbol FROM decisions WHERE agent = {agent} ORDER BY symbol LIMIT 1)
            UNION ALL
            SELECT (SELECT d.symbol FROM decisions d WHERE d.agent = {agent} AND d.symbol > s.symbol ORDER BY d.symbol LIMIT 1)
            FROM symbols s WHERE s.symbol IS NOT NULL)
        SELECT d.seq AS "Seq", d.symbol AS "Symbol", d.bar_time AS "BarTime", d.indicators AS "Indicators", d.indicators_json AS "IndicatorsJson"
        FROM symbols s JOIN decisions d ON d.agent = {agent} AND d.symbol = s.symbol AND d.bar_time >= {from}
        """;

    private sealed record DecidedRow
    {
        public long Seq { get; init; }
        public string Symbol { get; init; } = "";
        public DateTime BarTime { get; init; }
        public byte[]? Indicators { get; init; }
        public string? IndicatorsJson { get; init; }
    }
}
