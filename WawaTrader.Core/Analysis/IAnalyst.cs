using WawaTrader.Core.Indicators;

namespace WawaTrader.Core.Analysis;

/// <summary>Everything an analyst may look at for one symbol at one bar.</summary>
/// <param name="PositionQuantity">Shares currently held (0 when flat; this system never sells short).</param>
/// <param name="PositionAveragePrice">Average entry price of the held shares, 0 when flat.</param>
public sealed record AnalysisContext(string Symbol, IndicatorSnapshot Indicators, decimal PositionQuantity, decimal PositionAveragePrice)
{
    /// <summary>The id the decision will be recorded under, so a model interaction can be tied to it.</summary>
    public Guid DecisionId { get; init; }

    /// <summary>Whether the analyst writes its reasoning (true, always in live trading). A technical-only backtest, which keeps
    /// only each decision's numbers, turns it off: the proposal is the same, its <see cref="Proposal.Reasoning"/> empty.</summary>
    public bool Explain { get; init; } = true;
}

/// <summary>Turns an indicator snapshot into a proposal. The edge where a language model can be plugged in.</summary>
public interface IAnalyst
{
    Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken);
}

/// <summary>An analyst whose analysis is pure computation, with no I/O: the trading cycle calls <see cref="Analyze"/> directly
/// rather than through a task. <see cref="IAnalyst.AnalyzeAsync"/> must give the same proposal.</summary>
public interface ISynchronousAnalyst : IAnalyst
{
    Proposal Analyze(AnalysisContext context);

    /// <summary>
    /// For a caller that keeps only what would be sent (no reasoning; Holds dropped, as a technical-only backtest does): the
    /// proposal <see cref="Analyze"/> gives for the same symbol, indicators and position with <see cref="AnalysisContext.Explain"/>
    /// off, as a value (<see cref="QuietProposal.ToProposal"/> makes it), or null when that proposal is a Hold. Nothing is
    /// allocated: most proposals of a backtest are refused, and only one that may be approved becomes a <see cref="Proposal"/>.
    /// Any state the analyst keeps advances exactly as <see cref="Analyze"/> advances it.
    /// </summary>
    QuietProposal? ProposeQuietly(string symbol, in StreamingIndicatorValues indicators, decimal positionQuantity, decimal positionAveragePrice);
}

/// <summary>A proposal without reasoning, as a value: what <see cref="ISynchronousAnalyst.ProposeQuietly"/> proposes.</summary>
public readonly record struct QuietProposal(TradeAction Action, double Confidence, DecisionSource Source)
{
    /// <summary>The proposal for <paramref name="symbol"/>, with no reasoning (as <see cref="ISynchronousAnalyst.Analyze"/> gives it unexplained).</summary>
    public Proposal ToProposal(string symbol) => new(symbol, Action, Confidence, "", Source);
}
