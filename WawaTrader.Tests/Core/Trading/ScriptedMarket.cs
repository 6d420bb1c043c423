using WawaTrader.Core.Market;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>
/// An <see cref="IMarketData"/> that serves exactly the bars a test has published, per symbol, oldest first; a symbol can be
/// made to fail (its feed throws). Thread-safe, so the hosted-service tests can publish while the loop reads.
/// </summary>
internal sealed class ScriptedMarket : IMarketData
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Bar>> _bars = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    public string Name => "Scripted";

    public IReadOnlyList<string> Symbols
    {
        get { lock (_gate) return [.. _bars.Keys]; }
    }

    /// <summary>Publishes <paramref name="bars"/> (oldest first) after what <paramref name="symbol"/> already has.</summary>
    public ScriptedMarket Publish(string symbol, params Bar[] bars)
    {
        lock (_gate)
        {
            if (!_bars.TryGetValue(symbol, out var list)) _bars[symbol] = list = [];
            list.AddRange(bars);
        }
        return this;
    }

    /// <summary>Publishes the next one-minute bar of <paramref name="symbol"/> with the given open and close, and returns it.</summary>
    public Bar PublishNext(string symbol, double open, double close)
    {
        Bar bar;
        lock (_gate)
        {
            var last = _bars[symbol][^1];
            bar = new Bar(last.Time.AddMinutes(1), open, Math.Max(open, close) * 1.001, Math.Min(open, close) * 0.999, close, 1_000_000);
            _bars[symbol].Add(bar);
        }
        return bar;
    }

    /// <summary>Makes every request for <paramref name="symbol"/> throw, as a broken feed does.</summary>
    public void Fail(string symbol)
    {
        lock (_gate) _failing.Add(symbol);
    }

    public Task<IReadOnlyList<Bar>> GetHistoryAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing(symbol);
            var list = _bars.GetValueOrDefault(symbol) ?? [];
            return Task.FromResult<IReadOnlyList<Bar>>(list.Skip(Math.Max(0, list.Count - count)).ToArray());
        }
    }

    public Task<IReadOnlyList<Bar>> GetBarsSinceAsync(string symbol, DateTime after, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing(symbol);
            var list = _bars.GetValueOrDefault(symbol) ?? [];
            return Task.FromResult<IReadOnlyList<Bar>>(list.Where(b => b.Time > after).ToArray());
        }
    }

    private void ThrowIfFailing(string symbol)
    {
        if (_failing.Contains(symbol)) throw new InvalidOperationException($"the feed for {symbol} is down");
    }
}
