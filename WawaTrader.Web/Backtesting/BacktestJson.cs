using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WawaTrader.Core.Backtesting;

namespace WawaTrader.Web.Backtesting;

/// <summary>
/// The one JSON shape of a backtest result, shared by <c>backtest --json</c> and <c>GET /api/backtests/{id}</c>:
/// <c>metrics</c> and <c>benchmark</c> (camelCase keys, fractions not percent, null when undefined), <c>equity</c> and
/// <c>benchmarkEquity</c> (arrays of <c>date</c>, <c>value</c>), <c>trades</c> (<c>symbol</c>, <c>side</c> Buy|Sell,
/// <c>qty</c>, <c>price</c>, <c>fee</c>, <c>date</c>) and <c>warnings</c>. Dates are <c>yyyy-MM-dd</c> when every point of
/// the result is at midnight (daily bars), <c>yyyy-MM-ddTHH:mm:ssZ</c> otherwise (UTC).
/// </summary>
public static class BacktestJson
{
    /// <summary>Metric keys in the order written.</summary>
    public static readonly IReadOnlyList<string> MetricKeys =
    [
        "totalReturn", "cagr", "volatility", "sharpe", "sortino", "maxDrawdown", "maxDrawdownDays", "calmar", "winRate",
        "profitFactor", "averageWin", "averageLoss", "tradeCount", "exposure", "turnover",
    ];

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static JsonObject ToJson(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var dateOnly = IsDateOnly(result);
        return new JsonObject
        {
            ["metrics"] = Metrics(result.Metrics),
            ["benchmark"] = Metrics(result.Benchmark),
            ["equity"] = Equity(result.Equity, dateOnly),
            ["benchmarkEquity"] = Equity(result.BenchmarkEquity, dateOnly),
            ["trades"] = new JsonArray([.. result.Trades.Select(t => (JsonNode)new JsonObject
            {
                ["symbol"] = t.Symbol,
                ["side"] = t.Side.ToString(),
                ["qty"] = t.Qty,
                ["price"] = t.Price,
                ["fee"] = t.Fee,
                ["date"] = Date(t.Date, dateOnly),
            })]),
            ["warnings"] = new JsonArray([.. result.Warnings.Select(w => (JsonNode)JsonValue.Create(w))]),
        };
    }

    public static JsonObject Metrics(BacktestMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new JsonObject
        {
            ["totalReturn"] = F(m.TotalReturn),
            ["cagr"] = F(m.Cagr),
            ["volatility"] = F(m.Volatility),
            ["sharpe"] = F(m.Sharpe),
            ["sortino"] = F(m.Sortino),
            ["maxDrawdown"] = F(m.MaxDrawdown),
            ["maxDrawdownDays"] = m.MaxDrawdownDays,
            ["calmar"] = F(m.Calmar),
            ["winRate"] = F(m.WinRate),
            ["profitFactor"] = F(m.ProfitFactor),
            ["averageWin"] = F(m.AverageWin),
            ["averageLoss"] = F(m.AverageLoss),
            ["tradeCount"] = m.TradeCount,
            ["exposure"] = F(m.Exposure),
            ["turnover"] = F(m.Turnover),
        };
    }

    /// <summary>True when every point and trade of <paramref name="result"/> is at midnight: daily bars, whose times are dates
    /// (the JSON, the page's tables and its charts then show dates only).</summary>
    public static bool IsDateOnly(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Equity.All(p => p.Date.TimeOfDay == TimeSpan.Zero) && result.Trades.All(t => t.Date.TimeOfDay == TimeSpan.Zero);
    }

    /// <summary><c>yyyy-MM-dd</c> for a daily result, ISO 8601 UTC otherwise.</summary>
    public static string Date(DateTime time, bool dateOnly) =>
        time.ToString(dateOnly ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonArray Equity(IReadOnlyList<EquityPoint> points, bool dateOnly) =>
        new([.. points.Select(p => (JsonNode)new JsonObject { ["date"] = Date(p.Date, dateOnly), ["value"] = p.Value })]);

    /// <summary>A finite value, or null (JSON has no NaN or infinity).</summary>
    private static JsonNode? F(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
