using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>The scorecard against tables computed by hand (the expected numbers are written out in the comments).</summary>
public sealed class ScorecardCalculatorTests
{
    private const double Tolerance = 1e-12;
    private static readonly DateTime Bar0 = new(2024, 3, 15, 13, 30, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, IReadOnlyList<BarClose>> NoCloses = [];

    private static DateTime Bar(int k) => Bar0.AddMinutes(k);

    private static LlmInteraction Call(
        LlmOutcome outcome,
        TradeAction? action = null,
        double confidence = 70,
        double latencyMs = 100,
        int? promptTokens = null,
        int? completionTokens = null,
        string? error = null,
        string model = "m1",
        string promptVersion = "v1",
        int bar = 0,
        double close = 100,
        string symbol = "SPY") =>
        new(Guid.NewGuid(), Guid.NewGuid(), Bar(bar).AddSeconds(2), symbol, Bar(bar), close, model, "http://localhost:1234/v1", promptVersion,
            "prompt", action is null ? "garbage" : "{}", action is null ? null : new LlmVerdict(action.Value, confidence, "why"),
            error, latencyMs, promptTokens, completionTokens, outcome);

    /// <summary>
    /// Ten calls. Answers (parsed): 1,2,3,4,5,6 → Buy 3, Sell 2, Hold 1 of 6. Outcomes: Used 1,2,3,6 (4); Vetoed 4,5 (2);
    /// FellBack 7 (1); Failed 8,9,10 (3), of which 8 and 9 are timeouts. Latencies sorted: 35 80 95 120 150 210 300 400 19000 20000.
    /// Prompt tokens reported on 1–6: 500 520 480 510 490 500 → mean 500. Completion tokens on 1–7: 40 60 50 30 70 50 120 → mean 60.
    /// </summary>
    private static List<LlmInteraction> TenCalls() =>
    [
        Call(LlmOutcome.Used, TradeAction.Buy, latencyMs: 120, promptTokens: 500, completionTokens: 40),
        Call(LlmOutcome.Used, TradeAction.Buy, latencyMs: 80, promptTokens: 520, completionTokens: 60),
        Call(LlmOutcome.Used, TradeAction.Sell, latencyMs: 300, promptTokens: 480, completionTokens: 50),
        Call(LlmOutcome.Vetoed, TradeAction.Hold, latencyMs: 95, promptTokens: 510, completionTokens: 30),
        Call(LlmOutcome.Vetoed, TradeAction.Sell, latencyMs: 210, promptTokens: 490, completionTokens: 70),
        Call(LlmOutcome.Used, TradeAction.Buy, latencyMs: 150, promptTokens: 500, completionTokens: 50),
        Call(LlmOutcome.FellBack, latencyMs: 400, completionTokens: 120, error: "No JSON object in the answer"),
        Call(LlmOutcome.Failed, latencyMs: 20000, error: "Timeout: no answer within 20 s"),
        Call(LlmOutcome.Failed, latencyMs: 19000, error: "The request timed out."),
        Call(LlmOutcome.Failed, latencyMs: 35, error: "HTTP 500 Internal Server Error"),
    ];

    private static LlmModelScore ScoreOf(IReadOnlyList<LlmInteraction> calls, IReadOnlyDictionary<string, IReadOnlyList<BarClose>>? closes = null, int horizon = 2) =>
        Assert.Single(LlmScorecardCalculator.Calculate(calls, closes ?? NoCloses, horizon, from: null).Models);

    [Fact]
    public void Counts_calls_and_parsed_answers()
    {
        var score = ScoreOf(TenCalls());

        Assert.Equal((10, 6), (score.Calls, score.Answers));
    }

    [Fact]
    public void Action_shares_are_of_parsed_answers()
    {
        var score = ScoreOf(TenCalls());

        Assert.Equal(3.0 / 6, score.BuyShare!.Value, Tolerance);
        Assert.Equal(2.0 / 6, score.SellShare!.Value, Tolerance);
        Assert.Equal(1.0 / 6, score.HoldShare!.Value, Tolerance);
    }

    [Fact]
    public void Parse_failure_failure_and_timeout_rates_are_of_all_calls()
    {
        var score = ScoreOf(TenCalls());

        Assert.Equal((1, 0.1), (score.ParseFailures, score.ParseFailureRate));
        Assert.Equal((3, 0.3), (score.Failures, score.FailureRate));
        Assert.Equal((2, 0.2), (score.Timeouts, score.TimeoutRate));
    }

    [Fact]
    public void Latency_percentiles_are_nearest_rank_over_every_call()
    {
        var score = ScoreOf(TenCalls());

        // n = 10: p50 → rank 5 (150), p90 → rank 9 (19000), p99 → rank ⌈9.9⌉ = 10 (20000).
        Assert.Equal(new LlmLatency(150, 19000, 20000), score.Latency);
    }

    [Fact]
    public void Token_means_are_over_the_calls_that_reported_them()
    {
        var score = ScoreOf(TenCalls());

        Assert.Equal((500.0, 60.0), (score.MeanPromptTokens, score.MeanCompletionTokens));
    }

    [Fact]
    public void Veto_and_confirm_rates_are_of_the_answers_that_were_applied()
    {
        var score = ScoreOf(TenCalls());

        Assert.Equal((4, 2), (score.Confirmed, score.Vetoed));
        Assert.Equal(4.0 / 6, score.ConfirmRate!.Value, Tolerance);
        Assert.Equal(2.0 / 6, score.VetoRate!.Value, Tolerance);
    }

    [Fact]
    public void A_model_that_never_answered_has_no_shares_means_or_calibration()
    {
        var score = ScoreOf([Call(LlmOutcome.Failed, error: "Connection refused", latencyMs: 3)]);

        Assert.Equal((1, 0), (score.Calls, score.Answers));
        Assert.Null(score.BuyShare);
        Assert.Null(score.MeanPromptTokens);
        Assert.Null(score.ConfirmRate);
        Assert.Equal((0, 0, null, null), (score.Calibration.Scored, score.Calibration.Pending, score.Calibration.HitRate, score.Calibration.BrierScore));
        Assert.All(score.Calibration.Buckets, b => Assert.Equal((0, null, null), (b.Count, b.MeanConfidence, b.HitRate)));
    }

    [Fact]
    public void Groups_by_model_and_prompt_version_in_ordinal_order()
    {
        List<LlmInteraction> calls =
        [
            Call(LlmOutcome.Used, TradeAction.Buy, model: "qwen", promptVersion: "v2"),
            Call(LlmOutcome.Used, TradeAction.Buy, model: "gemma", promptVersion: "v2"),
            Call(LlmOutcome.Used, TradeAction.Buy, model: "qwen", promptVersion: "v1"),
            Call(LlmOutcome.Used, TradeAction.Buy, model: "qwen", promptVersion: "v2"),
        ];

        var card = LlmScorecardCalculator.Calculate(calls, NoCloses, 5, from: null);

        Assert.Equal([("gemma", "v2", 1), ("qwen", "v1", 1), ("qwen", "v2", 2)], card.Models.Select(m => (m.Model, m.PromptVersion, m.Calls)));
    }

    [Theory]
    [InlineData(LlmOutcome.Failed, "Timeout: no answer within 20 s", true)]
    [InlineData(LlmOutcome.Failed, "The operation has TIMED OUT.", true)]
    [InlineData(LlmOutcome.Failed, "HttpClient.Timeout of 20 seconds elapsing", true)]
    [InlineData(LlmOutcome.Failed, "Connection refused", false)]
    [InlineData(LlmOutcome.Failed, null, false)]
    [InlineData(LlmOutcome.FellBack, "Answer ended at a timeout marker", false)]
    public void A_timeout_is_a_failure_whose_error_names_a_timeout(LlmOutcome outcome, string? error, bool timeout) =>
        Assert.Equal(timeout, LlmScorecardCalculator.IsTimeout(Call(outcome, error: error)));

    [Theory]
    [InlineData(new double[] { 42 }, 50, 42)]
    [InlineData(new double[] { 42 }, 99, 42)]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 50, 35)]  // ⌈2.5⌉ = 3rd
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 40, 20)]  // ⌈2.0⌉ = 2nd
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 90, 50)]  // ⌈4.5⌉ = 5th
    [InlineData(new double[] { 1, 2, 3, 4 }, 50, 2)]           // ⌈2.0⌉ = 2nd
    [InlineData(new double[] { 1, 2, 3, 4 }, 100, 4)]
    public void Nearest_rank_percentile_is_the_value_at_rank_ceiling_of_p_times_n(double[] sorted, double percentile, double expected) =>
        Assert.Equal(expected, LlmScorecardCalculator.NearestRank(sorted, percentile));

    [Fact]
    public void Nearest_rank_percentile_of_nothing_is_null() =>
        Assert.Null(LlmScorecardCalculator.NearestRank([], 50));

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(49.99, 0)]
    [InlineData(50, 1)]
    [InlineData(59.9, 1)]
    [InlineData(60, 2)]
    [InlineData(79, 3)]
    [InlineData(80, 4)]
    [InlineData(90, 5)]
    [InlineData(100, 5)]
    [InlineData(120, 5)]
    public void Confidence_falls_in_its_reliability_bucket(double confidence, int bucket) =>
        Assert.Equal(bucket, LlmScorecardCalculator.BucketOf(confidence));
}
