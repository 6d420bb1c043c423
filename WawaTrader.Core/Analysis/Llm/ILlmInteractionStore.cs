namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Reads the model interactions recorded with their decisions (table <c>llm_interactions</c>), for the interactions page
/// and the model scorecard. Interactions are written by the decision journal in the same transaction as their decision.
/// </summary>
public interface ILlmInteractionStore
{
    /// <summary>Interactions matching every given filter, newest first (wall time), at most <see cref="LlmInteractionQuery.Limit"/>.</summary>
    Task<IReadOnlyList<LlmInteraction>> QueryAsync(LlmInteractionQuery query, CancellationToken cancellationToken);

    /// <summary>Every interaction at or after <paramref name="from"/> (wall time, UTC; null for all), oldest first.</summary>
    Task<IReadOnlyList<LlmInteraction>> GetSinceAsync(DateTime? from, CancellationToken cancellationToken);

    /// <summary>
    /// For each failed call at or after <paramref name="from"/> and before <paramref name="to"/> (wall time, UTC; null for open) that
    /// was recorded without its prompt (a repeated failure, <see cref="LlmInteraction.PromptKept"/>), the id of the decision whose
    /// call kept it: the same agent's latest earlier failed call with the same error that kept its prompt, in the range or before
    /// it. A repeated failure whose first call is no longer recorded (pruned) is left out. Keyed by the interaction's id.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, Guid>> GetPromptKeepersAsync(DateTime? from, DateTime? to, CancellationToken cancellationToken);

    /// <summary>
    /// For each symbol, the closes of the bars strictly after the given market time (UTC), oldest first, one per bar time,
    /// as recorded on that symbol's decisions (the indicator snapshot's close). The bars are the ones the journal has
    /// decisions for. Symbols with no later bar map to an empty list.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<BarClose>>> GetClosesAfterAsync(
        IReadOnlyDictionary<string, DateTime> afterBySymbol, CancellationToken cancellationToken);
}

/// <summary>The close of one bar of one symbol; <see cref="BarTime"/> is market time (UTC).</summary>
public readonly record struct BarClose(DateTime BarTime, double Close);

/// <summary>
/// Filters of <see cref="ILlmInteractionStore.QueryAsync"/>; null means "any". <see cref="From"/> is inclusive and
/// <see cref="To"/> exclusive, both wall time (UTC). <see cref="Text"/> matches, case-insensitively (ASCII), a substring of
/// the prompt, the raw response, the parsed reasoning or the error. <see cref="Limit"/> is clamped to 1..<see cref="MaxLimit"/>.
/// </summary>
public sealed record LlmInteractionQuery(
    string? Symbol = null,
    string? Model = null,
    LlmOutcome? Outcome = null,
    DateTime? From = null,
    DateTime? To = null,
    string? Text = null,
    int Limit = LlmInteractionQuery.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

/// <summary>Builds the scorecard from a store: reads the interactions and the later closes, then computes (pure).</summary>
public static class LlmInteractionStoreExtensions
{
    /// <summary>The scorecard of the interactions since <paramref name="from"/> (wall time, UTC; null for all) with calibration over <paramref name="horizonBars"/> bars.</summary>
    public static async Task<LlmScorecard> GetScorecardAsync(
        this ILlmInteractionStore store, DateTime? from, int horizonBars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonBars, 1);
        var interactions = await store.GetSinceAsync(from, cancellationToken);
        var after = interactions
            .Where(LlmScorecardCalculator.IsCalibrated)
            .GroupBy(i => i.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(i => i.BarTime), StringComparer.Ordinal);
        var closes = after.Count == 0
            ? new Dictionary<string, IReadOnlyList<BarClose>>()
            : await store.GetClosesAfterAsync(after, cancellationToken);
        return LlmScorecardCalculator.Calculate(interactions, closes, horizonBars, from);
    }
}
