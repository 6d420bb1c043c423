namespace WawaTrader.Core.Backtesting.Strategies;

/// <summary>The strategies a backtest can name. <see cref="Default"/> holds the built-ins: <c>technical</c> and <c>sma-cross</c>.</summary>
public sealed class StrategyRegistry
{
    private readonly Dictionary<string, IBacktestStrategy> _byName;

    public StrategyRegistry(IEnumerable<IBacktestStrategy> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        _byName = new Dictionary<string, IBacktestStrategy>(StringComparer.OrdinalIgnoreCase);
        var all = new List<IBacktestStrategy>();
        foreach (var strategy in strategies)
        {
            if (!_byName.TryAdd(strategy.Name, strategy)) throw new ArgumentException($"Strategy '{strategy.Name}' is registered twice.", nameof(strategies));
            all.Add(strategy);
        }
        All = all;
    }

    /// <summary>The built-in strategies.</summary>
    public static StrategyRegistry Default { get; } = new([new TechnicalStrategy(), new SmaCrossStrategy()]);

    public IReadOnlyList<IBacktestStrategy> All { get; }

    /// <summary>A registry with <paramref name="strategy"/> added (or replacing one of the same name).</summary>
    public StrategyRegistry With(IBacktestStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var list = All.Where(s => !string.Equals(s.Name, strategy.Name, StringComparison.OrdinalIgnoreCase)).Append(strategy);
        return new StrategyRegistry(list);
    }

    /// <summary>The strategy named <paramref name="name"/>; <see cref="ArgumentException"/> naming it and the known ones when there is none.</summary>
    public IBacktestStrategy Get(string name) =>
        name is not null && _byName.TryGetValue(name.Trim(), out var strategy)
            ? strategy
            : throw new ArgumentException($"Unknown strategy '{name}'; known strategies: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
}
