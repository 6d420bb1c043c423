using System.ComponentModel.DataAnnotations;

namespace WawaTrader.Core.Analysis;

/// <summary>
/// Thresholds and weights of the <see cref="TechnicalAnalyst"/>'s scoring model. Bound from the <c>Analyst</c> section.
/// Weights are score points: each directional indicator adds +weight (bullish), −weight (bearish) or 0 (neutral);
/// the net score is compared with <see cref="ActionThreshold"/>. Confidence is in percent (0–100).
/// </summary>
public sealed class TechnicalAnalystOptions
{
    public const string SectionName = "Analyst";

    /// <summary>RSI14 at or below this is oversold (bullish). RSI units, 0–100.</summary>
    [Range(1, 99)] public double RsiOversold { get; set; } = 30;

    /// <summary>RSI14 at or above this is overbought (bearish). RSI units, 0–100.</summary>
    [Range(1, 99)] public double RsiOverbought { get; set; } = 70;

    /// <summary>Points for RSI oversold/overbought.</summary>
    [Range(0, 100)] public double RsiWeight { get; set; } = 2;

    /// <summary>Points for the MACD line above (bullish) or below (bearish) its signal line, i.e. the histogram's sign.</summary>
    [Range(0, 100)] public double MacdWeight { get; set; } = 1.5;

    /// <summary>Points for a close below the lower (bullish, mean reversion) or above the upper (bearish) Bollinger band.</summary>
    [Range(0, 100)] public double BollingerWeight { get; set; } = 1.5;

    /// <summary>Points for the trend filter: SMA20 above (bullish) or below (bearish) SMA50.</summary>
    [Range(0, 100)] public double TrendWeight { get; set; } = 1.5;

    /// <summary>Points for the close above (bullish) or below (bearish) EMA20.</summary>
    [Range(0, 100)] public double EmaWeight { get; set; } = 0.5;

    /// <summary>
    /// Net score (points, either sign) at which the analyst proposes Buy or Sell. With the default weights a single
    /// indicator cannot reach it: at least two must agree.
    /// </summary>
    [Range(0.01, 1000)] public double ActionThreshold { get; set; } = 2.5;

    /// <summary>Net score (points, either sign) at which a Buy/Sell reaches 100% confidence; must be above
    /// <see cref="ActionThreshold"/>. Confidence runs linearly from 50 at the threshold to 100 here.</summary>
    [Range(0.02, 1000)] public double FullConvictionScore { get; set; } = 4.5;

    /// <summary>Volume ratio (bar volume ÷ 20-bar average) at or above which volume confirms the signal.</summary>
    [Range(0, 100)] public double VolumeConfirmationRatio { get; set; } = 1.5;

    /// <summary>Confidence points (percent) added to a Buy/Sell when volume confirms it.</summary>
    [Range(0, 100)] public double VolumeConfidenceBonus { get; set; } = 10;

    /// <summary>Fewest of the five directional indicators (RSI, MACD, Bollinger, trend, EMA) that must be defined; fewer means "warming up".</summary>
    [Range(1, 5)] public int MinIndicators { get; set; } = 3;

    /// <summary>
    /// Stop-loss distance in ATR14 multiples: a held position whose close is more than this many ATRs below the
    /// average price is a Sell, whatever the other indicators say. 0 disables the stop-loss.
    /// </summary>
    [Range(0, 100)] public double StopLossAtrMultiple { get; set; } = 2;

    /// <summary>Confidence (percent) of a stop-loss Sell.</summary>
    [Range(0, 100)] public double StopLossConfidence { get; set; } = 90;
}
