using System.Globalization;

namespace WawaTrader.Core.Backtesting;

/// <summary>
/// How big a run's trades could be: the size of a new buy and the largest position and total exposure the risk manager allows,
/// all in percent of equity (5 means 5 %). A run records them among its parameters (<see cref="Record"/>) when it is queued, so
/// its page states what it traded under even after the live settings change; a value is null in a run stored before they were
/// recorded (it used the live settings of its day, which are not known now).
/// </summary>
public sealed record BacktestSizing(double? PositionSizePct, double? MaxPositionPct, double? MaxExposurePct)
{
    /// <summary>The sizing a run with <paramref name="parameters"/> trades under, over <paramref name="defaults"/>.</summary>
    /// <exception cref="ArgumentException">A bad sizing or risk parameter (names the key).</exception>
    public static BacktestSizing Of(IReadOnlyDictionary<string, string> parameters, BacktestDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var (_, risk, size) = BacktestParameters.Split(parameters, defaults.Risk, defaults.PositionSizePct);
        return new BacktestSizing(size, risk.MaxPositionPct, risk.MaxExposurePct);
    }

    /// <summary>What a stored run's parameters say (the position size by its key or its alias <c>size</c>); null where they say nothing.</summary>
    public static BacktestSizing Read(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new BacktestSizing(
            Number(parameters, BacktestParameters.PositionSizeKey) ?? Number(parameters, BacktestParameters.PositionSizeAlias),
            Number(parameters, BacktestParameters.MaxPositionKey),
            Number(parameters, BacktestParameters.MaxExposureKey));
    }

    /// <summary>
    /// <paramref name="parameters"/> with the position size, max position and max exposure in force written out under their full keys
    /// (<see cref="BacktestParameters.PositionSizeKey"/>, <see cref="BacktestParameters.MaxPositionKey"/>,
    /// <see cref="BacktestParameters.MaxExposureKey"/>; the alias <c>size</c> is replaced), so the run repeats and reads the same later.
    /// </summary>
    /// <exception cref="ArgumentException">A bad sizing or risk parameter (names the key).</exception>
    public static Dictionary<string, string> Record(IReadOnlyDictionary<string, string> parameters, BacktestDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sizing = Of(parameters, defaults);
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
            if (!IsSizingKey(key)) recorded[key] = value;
        recorded[BacktestParameters.PositionSizeKey] = Text(sizing.PositionSizePct!.Value);
        recorded[BacktestParameters.MaxPositionKey] = Text(sizing.MaxPositionPct!.Value);
        recorded[BacktestParameters.MaxExposureKey] = Text(sizing.MaxExposurePct!.Value);
        return recorded;
    }

    /// <summary>True for the keys this record writes (and the alias it replaces): the page lists them in the header, not among the parameters.</summary>
    public static bool IsSizingKey(string key) =>
        IsOneOf(key, BacktestParameters.PositionSizeAlias, BacktestParameters.PositionSizeKey, BacktestParameters.MaxPositionKey, BacktestParameters.MaxExposureKey);

    /// <summary>"Position size 5% of equity · max position 10% · max exposure 30%"; "not recorded" for a value the run did not
    /// store, and one sentence when it stored none.</summary>
    public string Describe() =>
        PositionSizePct is null && MaxPositionPct is null && MaxExposurePct is null
            ? "Position size and risk limits not recorded: the run is older than that record and used the live settings of its day."
            : $"Position size {(PositionSizePct is { } size ? Text(size) + "% of equity" : "not recorded")} · max position {Pct(MaxPositionPct)} · max exposure {Pct(MaxExposurePct)}";

    private static string Pct(double? value) => value is { } v ? Text(v) + "%" : "not recorded";

    private static string Text(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static bool IsOneOf(string key, params string[] keys) => keys.Any(k => string.Equals(k, key.Trim(), StringComparison.OrdinalIgnoreCase));

    private static double? Number(IReadOnlyDictionary<string, string> parameters, string key)
    {
        foreach (var (k, v) in parameters)
            if (string.Equals(k.Trim(), key, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                return number;
        return null;
    }
}
