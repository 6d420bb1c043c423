using System.Globalization;
using System.Text;
using WawaTrader.Core.Backtesting;
using WawaTrader.Core.Market;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// The readable summary <c>backtest</c> prints without <c>--json</c>: what was run (with the sizing and limits it traded under, and whether its bars are simulated), then each metric for the strategy and for
/// buy-and-hold side by side (fractions shown as percents), the final equity and any warnings. Invariant culture.
/// </summary>
public static class BacktestSummary
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(BacktestSettings settings, BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        // The sizing keys have their own line.
        var own = settings.Parameters.Where(p => !BacktestSizing.IsSizingKey(p.Key)).ToList();
        var parameters = own.Count == 0 ? "" : " (" + string.Join(", ", own.Select(p => $"{p.Key}={p.Value}")) + ")";
        text.Append(Invariant, $"Backtest of {settings.Strategy}{parameters} on {string.Join(", ", settings.Symbols)}");
        if (result.Equity.Count > 0)
            text.Append(Invariant, $", {result.Equity[0].Date:yyyy-MM-dd} to {result.Equity[^1].Date:yyyy-MM-dd} ({result.Equity.Count} bars)");
        text.AppendLine();
        if (ExampleBacktest.IsSimulated(settings))
            text.AppendLine(Invariant, $"Simulated data: {string.Join(", ", settings.Symbols.Where(ExampleHistory.IsSimulated))} invented by the simulated market, not real prices");
        text.AppendLine(Invariant, $"Initial cash {Money(settings.InitialCash)}; commission {settings.Costs.CommissionPerShare.ToString(Invariant)}/share + "
            + $"{settings.Costs.CommissionPct.ToString(Invariant)}% (min {Money(settings.Costs.MinCommission)}); slippage {settings.Costs.SlippageBps.ToString(Invariant)} bps; model {settings.Llm.ToString().ToLowerInvariant()}");
        text.AppendLine(BacktestSizing.Read(settings.Parameters).Describe());
        text.AppendLine();
        text.AppendLine(Invariant, $"{"",-20}{"Strategy",14}{"Buy & hold",14}");
        foreach (var (label, strategy, benchmark) in Rows(result.Metrics, result.Benchmark))
            text.AppendLine(Invariant, $"{label,-20}{strategy,14}{benchmark,14}");
        text.AppendLine();
        if (result.Equity.Count > 0) text.Append(Invariant, $"Final equity {Money(result.Equity[^1].Value)}");
        if (result.BenchmarkEquity.Count > 0) text.Append(Invariant, $" (buy & hold {Money(result.BenchmarkEquity[^1].Value)})");
        text.AppendLine();
        foreach (var warning in result.Warnings) text.AppendLine(Invariant, $"Warning: {warning}");
        return text.ToString();
    }

    /// <summary>Label, strategy value, benchmark value for each metric, as text.</summary>
    public static IEnumerable<(string Label, string Strategy, string Benchmark)> Rows(BacktestMetrics s, BacktestMetrics b)
    {
        yield return ("Total return", Pct(s.TotalReturn), Pct(b.TotalReturn));
        yield return ("CAGR", Pct(s.Cagr), Pct(b.Cagr));
        yield return ("Volatility", Pct(s.Volatility), Pct(b.Volatility));
        yield return ("Sharpe", Ratio(s.Sharpe), Ratio(b.Sharpe));
        yield return ("Sortino", Ratio(s.Sortino), Ratio(b.Sortino));
        yield return ("Max drawdown", Pct(s.MaxDrawdown), Pct(b.MaxDrawdown));
        yield return ("Max drawdown days", s.MaxDrawdownDays.ToString(Invariant), b.MaxDrawdownDays.ToString(Invariant));
        yield return ("Calmar", Ratio(s.Calmar), Ratio(b.Calmar));
        yield return ("Win rate", Pct(s.WinRate), Pct(b.WinRate));
        yield return ("Profit factor", Ratio(s.ProfitFactor), Ratio(b.ProfitFactor));
        yield return ("Average win", Pct(s.AverageWin), Pct(b.AverageWin));
        yield return ("Average loss", Pct(s.AverageLoss), Pct(b.AverageLoss));
        yield return ("Trades", s.TradeCount.ToString(Invariant), b.TradeCount.ToString(Invariant));
        yield return ("Exposure", Pct(s.Exposure), Pct(b.Exposure));
        yield return ("Turnover", Ratio(s.Turnover), Ratio(b.Turnover));
    }

    /// <summary>A fraction as a percent with two decimals (<c>0.1234</c> → <c>12.34%</c>); <c>—</c> when undefined.</summary>
    public static string Pct(double? fraction) => fraction is { } f && double.IsFinite(f) ? (f * 100).ToString("0.00", Invariant) + "%" : "—";

    /// <summary>A ratio with two decimals; <c>—</c> when undefined.</summary>
    public static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00", Invariant) : "—";

    private static string Money(decimal value) => (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("N2", Invariant);
}
