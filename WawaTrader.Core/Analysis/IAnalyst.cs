using WawaTrader.Core.Indicators;

namespace WawaTrader.Core.Analysis;

/// <summary>Everything an analyst may look at for one symbol at one bar.</summary>
/// <param name="PositionQuantity">Shares currently held (0 when flat; this system never sells short).</param>
/// <param name="PositionAveragePrice">Average entry price of the held shares, 0 when flat.</param>
public sealed record AnalysisContext(string Symbol, IndicatorSnapshot Indicators, decimal PositionQuantity, decimal PositionAveragePrice)
{
    /// <summary>The id the decision will be recorded under, so a model interaction can be tied to it.</summary>
    public Guid DecisionId { get; init; }
}

/// <summary>Turns an indicator snapshot into a proposal. The edge where a language model can be plugged in.</summary>
public interface IAnalyst
{
    Task<Proposal> AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken);
}
