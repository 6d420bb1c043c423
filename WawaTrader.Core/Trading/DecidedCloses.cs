using WawaTrader.Core.Market;

namespace WawaTrader.Core.Trading;

/// <summary>Groups decisions' bar closes the way <see cref="IDecisionJournal.GetDecidedClosesAsync"/> returns them.</summary>
internal static class DecidedCloses
{
    /// <summary>Per symbol (case ignored), ordered by bar time, the first close of each bar time.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RecordedBar>> Group(IEnumerable<(string Symbol, RecordedBar Bar)> decided) =>
        decided
            .GroupBy(d => d.Symbol, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<RecordedBar>)g.Select(d => d.Bar).DistinctBy(b => b.Time).OrderBy(b => b.Time).ToArray(),
                StringComparer.OrdinalIgnoreCase);
}
