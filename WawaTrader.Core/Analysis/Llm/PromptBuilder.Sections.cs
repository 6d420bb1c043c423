using System.Text;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Risk;

namespace WawaTrader.Core.Analysis.Llm;

/// <summary>The multi-line sections of the prompt: the indicator table and the risk limits.</summary>
public static partial class PromptBuilder
{
    /// <summary>One <c>- name: value</c> line per indicator of the snapshot, in a fixed order; no trailing line end.</summary>
    private static void AppendIndicators(StringBuilder text, IndicatorSnapshot s)
    {
        Line(text, "SMA20 (20-bar simple moving average)", s.Sma20);
        Line(text, "SMA50 (50-bar simple moving average, trend filter)", s.Sma50);
        Line(text, "EMA20 (20-bar exponential moving average)", s.Ema20);
        Line(text, "RSI14 (Wilder, 0-100)", s.Rsi14);
        Line(text, "MACD (12/26)", s.Macd);
        Line(text, "MACD signal (9)", s.MacdSignal);
        Line(text, "MACD histogram", s.MacdHistogram);
        Line(text, "Bollinger upper (20 bars, 2 standard deviations)", s.BollingerUpper);
        Line(text, "Bollinger middle", s.BollingerMiddle);
        Line(text, "Bollinger lower", s.BollingerLower);
        Line(text, "ATR14 (average true range)", s.Atr14);
        Line(text, "StdDev20 (standard deviation of closes)", s.StdDev20);
        Line(text, "OBV (on-balance volume, shares)", s.Obv, "0");
        Line(text, "Volume ratio (volume / its 20-bar average)", s.VolumeRatio20, "0.00", last: true);
    }

    private static void Line(StringBuilder text, string name, double value, string format = "0.00##", bool last = false)
    {
        text.Append("- ").Append(name).Append(": ");
        Number(text, value, format);
        if (!last) text.Append('\n');
    }

    /// <summary>All five <see cref="RiskOptions"/> values as <c>- </c> lines (percent of equity unless stated); no trailing line end.</summary>
    private static void AppendLimits(StringBuilder text, RiskOptions limits)
    {
        text.Append("- A BUY or SELL trades only with confidence of at least ");
        Pct(text, limits.MinConfidence).Append(".\n- Largest position in one symbol: ");
        Pct(text, limits.MaxPositionPct).Append(" of equity.\n- Largest total exposure (all positions): ");
        Pct(text, limits.MaxExposurePct).Append(" of equity.\n- Daily loss limit: ");
        Pct(text, limits.MaxDailyLossPct).Append(" of the day's starting equity; past it no new buys.\n- At most ");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{limits.MaxTradesPerDay}").Append(" orders per day.");
    }

    private static StringBuilder Pct(StringBuilder text, double value)
    {
        Number(text, value, "0.##");
        return text.Append('%');
    }
}
