namespace WawaTrader.Core.Analysis.Llm;

/// <summary>
/// How each model and prompt version has done over the interactions since <see cref="From"/> (wall time, UTC; null for all).
/// Calibration looks <see cref="HorizonBars"/> bars ahead. Rates are fractions (0–1); a rate or mean with nothing to
/// average is null. See <see cref="LlmScorecardCalculator"/> for the exact definitions.
/// </summary>
public sealed record LlmScorecard(DateTime? From, int HorizonBars, IReadOnlyList<LlmModelScore> Models);

/// <summary>
/// The record of one model with one prompt version. <see cref="Calls"/> counts every interaction (whatever its outcome);
/// <see cref="Answers"/> those with a parsed verdict. The action shares are of <see cref="Answers"/>; the outcome rates
/// (<see cref="ParseFailureRate"/>, <see cref="FailureRate"/>, <see cref="TimeoutRate"/>) are of <see cref="Calls"/>;
/// <see cref="VetoRate"/> and <see cref="ConfirmRate"/> are of <see cref="Vetoed"/> + <see cref="Confirmed"/>.
/// Token means are over the calls whose server reported the count.
/// </summary>
public sealed record LlmModelScore(
    string Model,
    string PromptVersion,
    int Calls,
    int Answers,
    double? BuyShare,
    double? SellShare,
    double? HoldShare,
    int ParseFailures,
    double? ParseFailureRate,
    int Failures,
    double? FailureRate,
    int Timeouts,
    double? TimeoutRate,
    LlmLatency Latency,
    double? MeanPromptTokens,
    double? MeanCompletionTokens,
    int Confirmed,
    int Vetoed,
    double? ConfirmRate,
    double? VetoRate,
    LlmCalibration Calibration);

/// <summary>Latency of every call (failures included: the tick waited for them too), milliseconds, nearest-rank percentiles.</summary>
public sealed record LlmLatency(double? P50Ms, double? P90Ms, double? P99Ms);

/// <summary>
/// Calibration of the parsed Buy/Sell answers (Hold answers say nothing about direction and are left out):
/// <see cref="Scored"/> answers whose horizon has passed, <see cref="Pending"/> ones whose horizon has not (or whose symbol
/// has no later bars yet). <see cref="HitRate"/> is the share of scored answers where the price moved the model's way;
/// <see cref="BrierScore"/> the mean of (confidence/100 − hit)² (0 is perfect, 0.25 is a coin flip said at 50%).
/// </summary>
public sealed record LlmCalibration(
    int Scored,
    int Pending,
    double? HitRate,
    double? BrierScore,
    IReadOnlyList<LlmReliabilityBucket> Buckets);

/// <summary>
/// One row of the reliability table: scored answers whose stated confidence (percent) is in
/// [<see cref="FromPercent"/>, <see cref="ToPercent"/>) — the last bucket includes 100 — with their mean stated confidence
/// (percent) and observed hit rate (fraction). A well-calibrated model has hit rate ≈ mean confidence / 100 in every row.
/// </summary>
public sealed record LlmReliabilityBucket(double FromPercent, double ToPercent, int Count, double? MeanConfidence, double? HitRate);
