using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Tests.Core.Analysis.Llm;

/// <summary>
/// Calibration by hand. SPY closes by bar k = 0..8: 100 101 99 102 103 98 97 98 104. Horizon 2 bars:
/// <code>
///    answer         bar close  close[k+2]  moved its way  (p − o)²
/// A  Buy  85 (veto)  0   100     99        no             0.7225
/// B  Sell 55         1   101    102        no             0.3025
/// C  Buy  62         2    99    103        yes            0.1444
/// D  Sell 91         3   102     98        yes            0.0081
/// E  Sell 40         4   103     97        yes            0.3600
/// F  Buy 100         5    98     98        no (flat)      1.0000
/// G  Buy  75         6    97    104        yes            0.0625
/// H  Buy  70         7    98      —        pending
/// I  Sell 88         8   104      —        pending
/// J  Hold 90         0   100               excluded (Hold)
/// K  failed, L unreadable: no answer, excluded
/// </code>
/// Scored 7, pending 2, hits 4/7, Brier = 2.6 / 7.
/// </summary>
public sealed class ScorecardCalibrationTests
{
    private const double Tolerance = 1e-12;
    private static readonly DateTime Bar0 = new(2024, 3, 15, 13, 30, 0, DateTimeKind.Utc);
    private static readonly double[] SpyCloses = [100, 101, 99, 102, 103, 98, 97, 98, 104];

    private static DateTime Bar(int k) => Bar0.AddMinutes(k);

    private static LlmInteraction Answer(TradeAction action, double confidence, int bar, LlmOutcome outcome = LlmOutcome.Used, string symbol = "SPY") =>
        new(Guid.NewGuid(), Guid.NewGuid(), Bar(bar).AddSeconds(3), symbol, Bar(bar), SpyCloses[bar], "m1", "http://localhost:1234/v1", "v1",
            "prompt", "{}", new LlmVerdict(action, confidence, "why"), null, 100, null, null, outcome);

    private static LlmInteraction NoAnswer(LlmOutcome outcome, int bar) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Bar(bar).AddSeconds(3), "SPY", Bar(bar), SpyCloses[bar], "m1", "http://localhost:1234/v1", "v1",
            "prompt", null, null, "failed", 100, null, null, outcome);

    private static List<LlmInteraction> Table() =>
    [
        Answer(TradeAction.Buy, 85, 0, LlmOutcome.Vetoed),
        Answer(TradeAction.Sell, 55, 1),
        Answer(TradeAction.Buy, 62, 2),
        Answer(TradeAction.Sell, 91, 3),
        Answer(TradeAction.Sell, 40, 4),
        Answer(TradeAction.Buy, 100, 5),
        Answer(TradeAction.Buy, 75, 6),
        Answer(TradeAction.Buy, 70, 7),
        Answer(TradeAction.Sell, 88, 8),
        Answer(TradeAction.Hold, 90, 0),
        NoAnswer(LlmOutcome.Failed, 1),
        NoAnswer(LlmOutcome.FellBack, 2),
    ];

    /// <summary>What the store gives: the closes of the bars after the earliest calibrated bar (0).</summary>
    private static Dictionary<string, IReadOnlyList<BarClose>> ClosesAfterBar0() => new()
    {
        ["SPY"] = SpyCloses.Select((close, k) => new BarClose(Bar(k), close)).Skip(1).ToList(),
    };

    private static LlmCalibration Calibrate(int horizon = 2) =>
        Assert.Single(LlmScorecardCalculator.Calculate(Table(), ClosesAfterBar0(), horizon, from: null).Models).Calibration;

    [Fact]
    public void Answers_whose_horizon_has_passed_are_scored_the_rest_pending_and_holds_left_out()
    {
        var calibration = Calibrate();

        Assert.Equal((7, 2), (calibration.Scored, calibration.Pending));
    }

    [Fact]
    public void Hit_rate_is_the_share_of_scored_answers_the_price_proved_right()
    {
        Assert.Equal(4.0 / 7, Calibrate().HitRate!.Value, Tolerance);
    }

    [Fact]
    public void Brier_score_is_the_mean_squared_gap_between_stated_confidence_and_outcome()
    {
        Assert.Equal(2.6 / 7, Calibrate().BrierScore!.Value, Tolerance);
    }

    [Fact]
    public void Reliability_table_has_count_mean_confidence_and_hit_rate_per_bucket()
    {
        var rows = Calibrate().Buckets.Select(b => (b.FromPercent, b.ToPercent, b.Count, b.MeanConfidence, b.HitRate));

        Assert.Equal(
        [
            (0.0, 50.0, 1, (double?)40, (double?)1),    // E
            (50, 60, 1, 55, 0),                          // B
            (60, 70, 1, 62, 1),                          // C
            (70, 80, 1, 75, 1),                          // G
            (80, 90, 1, 85, 0),                          // A
            (90, 100, 2, 95.5, 0.5),                     // D hit, F (100, the top edge) missed
        ], rows);
    }

    [Fact]
    public void A_shorter_horizon_scores_more_answers_against_nearer_bars()
    {
        // Horizon 1: A hit, B hit, C hit, D miss (102→103), E hit, F miss (98→97), G hit, H hit (98→104); I pending.
        var calibration = Calibrate(horizon: 1);

        Assert.Equal((8, 1), (calibration.Scored, calibration.Pending));
        Assert.Equal(6.0 / 8, calibration.HitRate!.Value, Tolerance);
    }

    [Fact]
    public void An_answer_on_a_symbol_with_no_later_bars_is_pending()
    {
        var card = LlmScorecardCalculator.Calculate([Answer(TradeAction.Buy, 80, 0, symbol: "MSFT")], ClosesAfterBar0(), 1, from: null);

        Assert.Equal((0, 1), (card.Models[0].Calibration.Scored, card.Models[0].Calibration.Pending));
    }

    [Fact]
    public void Closes_at_or_before_the_answers_bar_are_not_counted_as_later_bars()
    {
        IReadOnlyList<BarClose> closes = SpyCloses.Select((close, k) => new BarClose(Bar(k), close)).ToList(); // includes bars 0..3

        var moved = LlmScorecardCalculator.MovedAsSaid(Answer(TradeAction.Sell, 91, 3), closes, 2);

        Assert.True(moved); // 102 at bar 3 → 98 at bar 5, not bar 4's 103
    }

    [Fact]
    public void The_scorecard_carries_its_window_and_horizon()
    {
        var from = Bar0.AddDays(-1);

        var card = LlmScorecardCalculator.Calculate(Table(), ClosesAfterBar0(), 3, from);

        Assert.Equal((from, 3), (card.From, card.HorizonBars));
    }
}
