using System.Globalization;
using WawaTrader.Core.Brokers;
using WawaTrader.Core.Indicators;
using WawaTrader.Core.Market;
using WawaTrader.Core.Trading;
using WawaTrader.Web.Components.Shared;

namespace WawaTrader.Web.Components.Dashboard;

/// <summary>
/// What the per-symbol chart draws, built from bars and fills: the last <see cref="ShownBars"/> candles with SMA 20, EMA 20 and
/// Bollinger (20, 2) overlays, RSI 14 and MACD (12, 26, 9) panes, and a marker per fill of the symbol at its time and price.
/// Indicators are computed over every bar given (give <see cref="WarmupBars"/> more than shown so the first shown values exist)
/// with the engine's TA-Lib kernels; warm-up cells are null (a gap).
/// </summary>
public sealed record SymbolChartData(CandleChartData Candles, IReadOnlyList<ChartLine> Rsi, IReadOnlyList<ChartLine> Macd)
{
    public const int ShownBars = 120;

    /// <summary>Extra bars loaded before the shown ones so the indicators have settled (MACD's first value is at bar 33).</summary>
    public const int WarmupBars = 100;

    public const int MovingAveragePeriod = 20;
    public const int RsiPeriod = 14;

    public static readonly SymbolChartData Empty = new(CandleChartData.Empty, [], []);

    /// <summary>Builds the chart of <paramref name="symbol"/> from its <paramref name="bars"/> (oldest first) and
    /// <paramref name="trades"/> (any symbols, any order: those of other symbols or before the first shown bar are left out).</summary>
    public static SymbolChartData Build(string symbol, IReadOnlyList<Bar> bars, IReadOnlyList<TradeRecord> trades, int shownBars = ShownBars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shownBars);
        var n = bars.Count;
        var close = new double[n];
        for (var i = 0; i < n; i++) close[i] = bars[i].Close;
        var sma = new double[n];
        var ema = new double[n];
        var upper = new double[n];
        var middle = new double[n];
        var lower = new double[n];
        var rsi = new double[n];
        var macd = new double[n];
        var signal = new double[n];
        var histogram = new double[n];
        // The kernels refuse a period longer than the series; a short history gets NaN (a gap) in those lines instead.
        if (FitsOrNaN(MovingAveragePeriod, sma)) IndicatorKernels.Sma(close, MovingAveragePeriod, sma);
        if (FitsOrNaN(MovingAveragePeriod, ema)) IndicatorKernels.Ema(close, MovingAveragePeriod, ema);
        if (FitsOrNaN(MovingAveragePeriod, upper, middle, lower)) IndicatorKernels.Bollinger(close, MovingAveragePeriod, 2, upper, middle, lower);
        if (FitsOrNaN(RsiPeriod, rsi)) IndicatorKernels.Rsi(close, RsiPeriod, rsi);
        if (FitsOrNaN(26, macd, signal, histogram)) IndicatorKernels.Macd(close, 12, 26, 9, macd, signal, histogram);

        var first = Math.Max(0, n - shownBars);
        var x = new double[n - first];
        var candles = new double[n - first][];
        for (var i = first; i < n; i++)
        {
            var b = bars[i];
            x[i - first] = ChartInterop.ToEpochMs(b.Time);
            candles[i - first] = [x[i - first], b.Open, b.High, b.Low, b.Close];
        }
        ChartLine Line(string name, double[] values, string type = "line") => new(name, Points(x, values, first), type);

        var overlays = new[] { Line("SMA 20", sma), Line("EMA 20", ema), Line("Upper band", upper), Line("Lower band", lower) };
        var markers = first < n ? Markers(symbol, trades, bars[first].Time) : [];
        return new SymbolChartData(
            new CandleChartData(symbol, candles, overlays, markers),
            [Line("RSI 14", rsi)],
            [Line("Histogram", histogram, "column"), Line("MACD", macd), Line("Signal", signal)]);
    }

    private static double?[][] Points(double[] x, double[] values, int first)
    {
        var points = new double?[x.Length][];
        for (var i = 0; i < x.Length; i++) points[i] = [x[i], ChartInterop.Finite(values[first + i])];
        return points;
    }

    private static ChartMarker[] Markers(string symbol, IReadOnlyList<TradeRecord> trades, DateTime firstShown) =>
        [.. trades
            .Where(t => string.Equals(t.Symbol, symbol, StringComparison.OrdinalIgnoreCase) && t.Time >= firstShown)
            .OrderBy(t => t.Time)
            .Select(t => new ChartMarker(ChartInterop.ToEpochMs(t.Time), (double)t.Price, t.Side == OrderSide.Buy ? "buy" : "sell",
                t.Quantity.ToString("#,0.####", CultureInfo.InvariantCulture)))];

    private static bool FitsOrNaN(int period, params double[][] outputs)
    {
        if (period <= outputs[0].Length) return true;
        foreach (var output in outputs) Array.Fill(output, double.NaN);
        return false;
    }
}
