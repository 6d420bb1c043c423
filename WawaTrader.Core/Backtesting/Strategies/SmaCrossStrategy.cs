using System.Globalization;
using WawaTrader.Core.Analysis;

namespace WawaTrader.Core.Backtesting.Strategies;

/// <summary><c>sma-cross</c>: the moving-average crossover (<see cref="SmaCrossAnalyst"/>), parameters <c>fast</c> and <c>slow</c> (bars).</summary>
public sealed class SmaCrossStrategy : IBacktestStrategy
{
    public const string StrategyName = "sma-cross";
    public const int DefaultFast = 10;
    public const int DefaultSlow = 30;

    public string Name => StrategyName;

    public string Description => "Buy when the fast SMA of closes crosses above the slow one; sell the position when it crosses below.";

    public IReadOnlyList<StrategyParameter> Parameters { get; } =
    [
        new("fast", "Fast SMA period, in bars (1 or more, below slow).", DefaultFast.ToString(CultureInfo.InvariantCulture)),
        new("slow", "Slow SMA period, in bars.", DefaultSlow.ToString(CultureInfo.InvariantCulture)),
    ];

    public IAnalyst Create(StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int fast = DefaultFast, slow = DefaultSlow;
        foreach (var (key, value) in context.Parameters)
        {
            if (string.Equals(key, "fast", StringComparison.OrdinalIgnoreCase)) fast = Period(key, value);
            else if (string.Equals(key, "slow", StringComparison.OrdinalIgnoreCase)) slow = Period(key, value);
            else throw new ArgumentException($"Unknown parameter '{key}' for strategy {StrategyName}; it takes fast and slow.", key);
        }
        if (fast >= slow) throw new ArgumentException($"Parameter 'fast' ({fast}) must be below 'slow' ({slow}) for strategy {StrategyName}.", "slow");
        return new SmaCrossAnalyst(fast, slow);
    }

    private static int Period(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var period) && period is >= 1 and <= 100_000
            ? period
            : throw new ArgumentException($"Parameter '{key}' of strategy {StrategyName} must be a whole number of bars from 1 to 100000; '{value}' is not.", key);
}
