using System.Globalization;
using MudBlazor;
using WawaTrader.Core.Analysis;
using WawaTrader.Core.Analysis.Llm;

namespace WawaTrader.Web.Components.Decisions;

/// <summary>How the decision, trade and model pages write values that <see cref="Shared.Format"/> does not cover (invariant culture).</summary>
public static class Show
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An indicator or rule value: up to four decimals, grouped; <c>n/a</c> for NaN or infinity.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? (Math.Round(value, 4, MidpointRounding.AwayFromZero) + 0.0).ToString("#,0.####", Invariant) : "n/a";

    /// <summary>A fraction (0–1) as a percent with one decimal; <c>—</c> when there is nothing to average.</summary>
    public static string Rate(double? fraction) => fraction is { } f && double.IsFinite(f) ? (f * 100).ToString("0.0", Invariant) + "%" : "—";

    /// <summary>Milliseconds, whole; <c>—</c> when unknown.</summary>
    public static string Ms(double? ms) => ms is { } m && double.IsFinite(m) ? m.ToString("#,0", Invariant) + " ms" : "—";

    /// <summary>A mean or count that may be missing; one decimal.</summary>
    public static string Mean(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("#,0.#", Invariant) : "—";

    /// <summary>A Brier score, three decimals.</summary>
    public static string Score(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", Invariant) : "—";

    public static Color ActionColor(TradeAction action) => action switch
    {
        TradeAction.Buy => Color.Success,
        TradeAction.Sell => Color.Error,
        _ => Color.Default,
    };

    public static Color SourceColor(DecisionSource source) => source switch
    {
        DecisionSource.Llm => Color.Info,
        DecisionSource.Fallback => Color.Warning,
        _ => Color.Default,
    };

    public static Color OutcomeColor(LlmOutcome outcome) => outcome switch
    {
        LlmOutcome.Used => Color.Success,
        LlmOutcome.Vetoed => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>Text on one line (whitespace runs become one space), for table cells that truncate.</summary>
    public static string OneLine(string? text) =>
        text is null ? "" : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
