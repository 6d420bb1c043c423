using System.Globalization;
using WawaTrader.Core.Risk;
using WawaTrader.Core.Trading;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// The parameters of one fast-path run of <c>sma-cross</c>: the two SMA periods (bars) and the risk rules that apply to it, all
/// percents as in <see cref="RiskOptions"/> and <see cref="TradingOptions.PositionSizePct"/> (10 means 10 %).
/// </summary>
public readonly record struct FastBacktestSettings(
    int Fast,
    int Slow,
    double PositionSizePct,
    double MaxPositionPct,
    double MaxExposurePct,
    int MaxTradesPerDay,
    double MaxDailyLossPct,
    double MinConfidence)
{
    /// <summary>Default fast SMA period, in bars.</summary>
    public const int DefaultFast = 10;

    /// <summary>Default slow SMA period, in bars.</summary>
    public const int DefaultSlow = 30;

    /// <summary>
    /// Reads <c>fast</c>, <c>slow</c>, <c>Trading:PositionSizePct</c> and <c>Risk:*</c> keys (case-insensitive, invariant numbers)
    /// from <paramref name="parameters"/>, falling back to <paramref name="risk"/> and <paramref name="positionSizePct"/> (defaults
    /// of <see cref="RiskOptions"/> and <see cref="TradingOptions"/> when null). Unknown keys are ignored; bad values throw
    /// <see cref="ArgumentException"/> naming the key.
    /// </summary>
    public static FastBacktestSettings From(IReadOnlyDictionary<string, string> parameters, RiskOptions? risk = null, double? positionSizePct = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        risk ??= new RiskOptions();
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in parameters) lookup[k.Trim()] = v;
        var settings = new FastBacktestSettings(
            Int(lookup, "fast", DefaultFast),
            Int(lookup, "slow", DefaultSlow),
            Double(lookup, "Trading:PositionSizePct", positionSizePct ?? new TradingOptions().PositionSizePct),
            Double(lookup, "Risk:MaxPositionPct", risk.MaxPositionPct),
            Double(lookup, "Risk:MaxExposurePct", risk.MaxExposurePct),
            Int(lookup, "Risk:MaxTradesPerDay", risk.MaxTradesPerDay),
            Double(lookup, "Risk:MaxDailyLossPct", risk.MaxDailyLossPct),
            Double(lookup, "Risk:MinConfidence", risk.MinConfidence));
        settings.Validate();
        return settings;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a period is not positive or fast is not shorter than slow.</summary>
    public void Validate()
    {
        if (Fast < 1) throw new ArgumentException($"fast must be at least 1 bar (was {Fast}).", "fast");
        if (Slow <= Fast) throw new ArgumentException($"slow ({Slow}) must be longer than fast ({Fast}).", "slow");
    }

    private static int Int(Dictionary<string, string> p, string key, int fallback) =>
        !p.TryGetValue(key, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw new ArgumentException($"Parameter {key} must be a whole number (was '{text}').", key);

    private static double Double(Dictionary<string, string> p, string key, double fallback) =>
        !p.TryGetValue(key, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
        : throw new ArgumentException($"Parameter {key} must be a number (was '{text}').", key);
}
