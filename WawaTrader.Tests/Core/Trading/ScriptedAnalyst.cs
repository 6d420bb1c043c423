using System.Collections.Concurrent;
using WawaTrader.Core.Analysis;

namespace WawaTrader.Tests.Core.Trading;

/// <summary>
/// An <see cref="IAnalyst"/> that proposes what the test set for each symbol (Hold at 50% otherwise), to force the Buy,
/// Sell and rejection paths of the cycle without shaping indicator data. Remembers the contexts it was given.
/// </summary>
internal sealed class ScriptedAnalyst : IAnalyst
{
    private readonly ConcurrentDictionary<string, (TradeAction Action, double Confidence)> _script = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AnalysisContext> _seen = new();
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);

    public IReadOnlyCollection<AnalysisContext> Seen => _seen;

    public ScriptedAnalyst Propose(string symbol, TradeAction action, double confidence = 80)
    {
        _script[symbol] = (action, confidence);
        _limits.TryRemove(symbol, out _);
        return this;
    }

    private readonly ConcurrentDictionary<string, decimal> _limits = new(StringComparer.Ordinal);

    /// <summary>Proposes <paramref name="action"/> as a limit order at <paramref name="limitPrice"/> (as the model may ask).</summary>
    public ScriptedAnalyst ProposeLimit(string symbol, TradeAction action, decimal limitPrice, double confidence = 80)
    {
        Propose(symbol, action, confidence);
        _limits[symbol] = limitPrice;
        return this;
    }

    /// <summary>Makes the analysis of <paramref name="symbol"/> throw.</summary>
    public void Fail(string symbol) => _failing[symbol] = true;

    public Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        _seen.Enqueue(context);
        if (_failing.ContainsKey(context.Symbol)) throw new InvalidOperationException($"analysis of {context.Symbol} broke");
        var (action, confidence) = _script.GetValueOrDefault(context.Symbol, (TradeAction.Hold, 50));
        return Task.FromResult(new Proposal(context.Symbol, action, confidence, $"scripted {action} for {context.Symbol}", DecisionSource.Technical)
        {
            LimitPrice = _limits.TryGetValue(context.Symbol, out var limit) ? limit : null,
        });
    }
}
