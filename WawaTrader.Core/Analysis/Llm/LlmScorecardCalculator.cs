namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// Computes the <see cref="LlmScorecard"/> from recorded interactions and the closes of later bars. Pure: no I/O, no clock.
/// <list type="bullet">
/// <item>Groups by (model, prompt version), ordinal order.</item>
/// <item>Outcome rates are over all calls: parse failure = <see cref="LlmOutcome.FellBack"/>, failure = <see cref="LlmOutcome.Failed"/>,
/// timeout = a failure whose error mentions "timeout" or "timed out" (<see cref="IsTimeout"/>; a timeout is also a failure).</item>
/// <item>Latency percentiles use the nearest-rank method over every call: the p-th percentile of n ascending values is the
/// value at 1-based rank ⌈p/100 · n⌉ (so it is always an observed latency; p50 of 4 values is the 2nd).</item>
/// <item>Calibration scores parsed Buy/Sell answers, whatever their outcome. Hold answers are excluded (they claim no direction).
/// With c the close of the interaction's bar and c' the close <c>horizonBars</c> bars later (the bars the journal recorded
/// for that symbol), a Buy is a hit when c' &gt; c and a Sell when c' &lt; c; an unchanged close is a miss.
/// An answer whose later bar is not there yet is pending and left out of the hit rate, the Brier score and the buckets.</item>
/// <item>Brier score = mean over scored answers of (p − o)², p = confidence/100 clamped to [0, 1], o = 1 for a hit else 0.</item>
/// </list>
/// </summary>
public static class LlmScorecardCalculator
{
    /// <summary>Default calibration horizon, in bars.</summary>
    public const int DefaultHorizonBars = 5;

    /// <summary>Lower edges (percent) of the reliability buckets; each bucket runs to the next edge, the last to 100 inclusive.</summary>
    public static readonly IReadOnlyList<double> BucketEdges = [0, 50, 60, 70, 80, 90];

    public static LlmScorecard Calculate(
        IReadOnlyList<LlmInteraction> interactions,
        IReadOnlyDictionary<string, IReadOnlyList<BarClose>> closesAfter,
        int horizonBars,
        DateTime? from)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(closesAfter);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonBars, 1);
        var models = interactions
            .GroupBy(i => (i.Model, i.PromptVersion))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.PromptVersion, StringComparer.Ordinal)
            .Select(g => Score(g.Key.Model, g.Key.PromptVersion, g.ToList(), closesAfter, horizonBars))
            .ToList();
        return new LlmScorecard(from, horizonBars, models);
    }

    /// <summary>True for a failed call whose error text names a timeout ("timeout", "timed out", any case).</summary>
    public static bool IsTimeout(LlmInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Outcome == LlmOutcome.Failed && interaction.Error is { } error
            && (error.Contains("timeout", StringComparison.OrdinalIgnoreCase) || error.Contains("timed out", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the interaction takes part in calibration: a parsed Buy or Sell answer.</summary>
    public static bool IsCalibrated(LlmInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Parsed is { Action: TradeAction.Buy or TradeAction.Sell };
    }

    /// <summary>Nearest-rank percentile (0 &lt; p ≤ 100) of values sorted ascending; null for no values.</summary>
    public static double? NearestRank(IReadOnlyList<double> sortedAscending, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedAscending);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sortedAscending.Count == 0) return null;
        var rank = (int)Math.Ceiling(percentile / 100 * sortedAscending.Count);
        return sortedAscending[Math.Clamp(rank, 1, sortedAscending.Count) - 1];
    }

    /// <summary>
    /// Whether the price moved the way a Buy/Sell answer said within <paramref name="horizonBars"/> bars; null while pending.
    /// <paramref name="closesAfter"/> are the symbol's bar closes in ascending bar time (any that are not after the interaction's bar are skipped).
    /// </summary>
    public static bool? MovedAsSaid(LlmInteraction interaction, IReadOnlyList<BarClose> closesAfter, int horizonBars)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(closesAfter);
        if (!IsCalibrated(interaction)) throw new ArgumentException("Only parsed Buy/Sell answers are calibrated.", nameof(interaction));
        var first = FirstAfter(closesAfter, interaction.BarTime);
        var index = first + horizonBars - 1;
        if (index >= closesAfter.Count) return null;
        var later = closesAfter[index].Close;
        return interaction.Parsed!.Action == TradeAction.Buy ? later > interaction.Close : later < interaction.Close;
    }

    /// <summary>Index of the reliability bucket for a confidence in percent (below 0 counts as 0, above 100 as 100).</summary>
    public static int BucketOf(double confidencePercent)
    {
        for (var b = BucketEdges.Count - 1; b > 0; b--)
        {
            if (confidencePercent >= BucketEdges[b]) return b;
        }
        return 0;
    }

    private static LlmModelScore Score(string model, string promptVersion, List<LlmInteraction> calls,
        IReadOnlyDictionary<string, IReadOnlyList<BarClose>> closesAfter, int horizonBars)
    {
        var n = calls.Count;
        var answers = calls.Where(c => c.Parsed is not null).Select(c => c.Parsed!).ToList();
        var parseFailures = calls.Count(c => c.Outcome == LlmOutcome.FellBack);
        var failures = calls.Count(c => c.Outcome == LlmOutcome.Failed);
        var timeouts = calls.Count(IsTimeout);
        var confirmed = calls.Count(c => c.Outcome == LlmOutcome.Used);
        var vetoed = calls.Count(c => c.Outcome == LlmOutcome.Vetoed);
        var latencies = calls.Select(c => c.LatencyMs).Order().ToList();

        return new LlmModelScore(
            model, promptVersion, n, answers.Count,
            Share(answers.Count(a => a.Action == TradeAction.Buy), answers.Count),
            Share(answers.Count(a => a.Action == TradeAction.Sell), answers.Count),
            Share(answers.Count(a => a.Action == TradeAction.Hold), answers.Count),
            parseFailures, Share(parseFailures, n),
            failures, Share(failures, n),
            timeouts, Share(timeouts, n),
            new LlmLatency(NearestRank(latencies, 50), NearestRank(latencies, 90), NearestRank(latencies, 99)),
            Mean(calls.Where(c => c.PromptTokens is not null).Select(c => (double)c.PromptTokens!.Value)),
            Mean(calls.Where(c => c.CompletionTokens is not null).Select(c => (double)c.CompletionTokens!.Value)),
            confirmed, vetoed, Share(confirmed, confirmed + vetoed), Share(vetoed, confirmed + vetoed),
            Calibrate(calls, closesAfter, horizonBars));
    }

    private static LlmCalibration Calibrate(List<LlmInteraction> calls, IReadOnlyDictionary<string, IReadOnlyList<BarClose>> closesAfter, int horizonBars)
    {
        var scored = new List<(double Confidence, bool Hit)>();
        var pending = 0;
        foreach (var call in calls.Where(IsCalibrated))
        {
            var closes = closesAfter.TryGetValue(call.Symbol, out var list) ? list : [];
            if (MovedAsSaid(call, closes, horizonBars) is { } hit) scored.Add((call.Parsed!.Confidence, hit));
            else pending++;
        }

        var buckets = new List<LlmReliabilityBucket>(BucketEdges.Count);
        for (var b = 0; b < BucketEdges.Count; b++)
        {
            var inBucket = scored.Where(s => BucketOf(s.Confidence) == b).ToList();
            var upper = b + 1 < BucketEdges.Count ? BucketEdges[b + 1] : 100;
            buckets.Add(new LlmReliabilityBucket(BucketEdges[b], upper, inBucket.Count,
                Mean(inBucket.Select(s => s.Confidence)), Share(inBucket.Count(s => s.Hit), inBucket.Count)));
        }

        var brier = Mean(scored.Select(s =>
        {
            var p = Math.Clamp(s.Confidence / 100, 0, 1);
            var o = s.Hit ? 1.0 : 0.0;
            return (p - o) * (p - o);
        }));
        return new LlmCalibration(scored.Count, pending, Share(scored.Count(s => s.Hit), scored.Count), brier, buckets);
    }

    /// <summary>Index of the first close strictly after <paramref name="barTime"/> (binary search; Count if none).</summary>
    private static int FirstAfter(IReadOnlyList<BarClose> closes, DateTime barTime)
    {
        int lo = 0, hi = closes.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (closes[mid].BarTime <= barTime) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static double? Share(int count, int total) => total == 0 ? null : (double)count / total;

    private static double? Mean(IEnumerable<double> values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            sum += v;
            n++;
        }
        return n == 0 ? null : sum / n;
    }
}
