using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Web.Components;

/// <summary>A market that serves the bars a test gives it (per symbol, oldest first); <see cref="Publish"/> adds more. Thread-safe.</summary>
internal sealed class BarsMarket : IMarketData
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Bar>> _bars = new(StringComparer.OrdinalIgnoreCase);

    public string Name => "Test";

    public IReadOnlyList<string> Symbols
    {
        get { lock (_gate) return [.. _bars.Keys]; }
    }

    /// <summary>Symbols whose history read fails, as a market that cannot be reached does.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int HistoryReads { get; private set; }

    public BarsMarket Publish(string symbol, params Bar[] bars)
    {
        lock (_gate)
        {
            if (!_bars.TryGetValue(symbol, out var list)) _bars[symbol] = list = [];
            list.AddRange(bars);
        }
        return this;
    }

    public Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            HistoryReads++;
            if (Failing.Contains(symbol)) throw new InvalidOperationException($"{symbol} feed is down");
            var list = _bars.GetValueOrDefault(symbol) ?? [];
            return Task.FromResult<IReadOnlyList<Bar>>([.. list.Skip(Math.Max(0, list.Count - count))]);
        }
    }

    public Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Bar>>([.. (_bars.GetValueOrDefault(symbol) ?? []).Where(b => b.Time > after)]);
    }
}
