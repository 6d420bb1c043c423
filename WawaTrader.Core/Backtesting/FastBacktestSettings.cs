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
    /// Reads <c>fast</c> and <c>slow</c>, and the position size and <c>Risk:*</c> keys as the full engine does
    /// (<see cref="BacktestParameters.Split"/>: keys ignore case, invariant numbers, validated like the settings page), falling back
    /// to <paramref name="risk"/> and <paramref name="positionSizePct"/> (defaults of <see cref="RiskOptions"/> and
    /// <see cref="TradingOptions"/> when null). An unknown key or a bad value throws <see cref="ArgumentException"/> naming the key.
    /// </summary>
    public static FastBacktestSettings From(IReadOnlyDictionary<string, string> parameters, RiskOptions? risk = null, double? positionSizePct = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (own, limits, size) = BacktestParameters.Split(parameters, risk ?? new RiskOptions(), positionSizePct ?? new TradingOptions().PositionSizePct);
        foreach (var key in own.Keys)
            if (!key.Equals("fast", StringComparison.OrdinalIgnoreCase) && !key.Equals("slow", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"Unknown parameter '{key}' for strategy {FastBacktester.SmaCross}; it takes fast, slow, {BacktestParameters.PositionSizeAlias} ({BacktestParameters.PositionSizeKey}) and Risk:* limits.", key);
        var settings = new FastBacktestSettings(
            Int(own, "fast", DefaultFast),
            Int(own, "slow", DefaultSlow),
            size,
            limits.MaxPositionPct,
            limits.MaxExposurePct,
            limits.MaxTradesPerDay,
            limits.MaxDailyLossPct,
            limits.MinConfidence);
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
}
