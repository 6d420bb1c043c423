namespace WawaTrader.Web.Components.Shared;

/// <summary>One named series for charts.js: points <c>[msUtc, y]</c> with y null where there is no value (a warm-up gap);
/// <see cref="Type"/> is <c>line</c> or <c>column</c>.</summary>
public sealed record ChartLine(string Name, double?[][] Data, string Type = "line");

/// <summary>A trade drawn on a candlestick chart: x in ms since the epoch (UTC), y the fill price, side <c>buy</c> or <c>sell</c>,
/// label the quantity.</summary>
public sealed record ChartMarker(double X, double Y, string Side, string Label);

/// <summary>What a candlestick chart shows: candles <c>[msUtc, open, high, low, close]</c> oldest first, overlays on the price axis,
/// and trade markers.</summary>
public sealed record CandleChartData(string Name, double[][] Candles, IReadOnlyList<ChartLine> Overlays, IReadOnlyList<ChartMarker> Markers)
{
    public static readonly CandleChartData Empty = new("Price", [], [], []);
}

/// <summary>A horizontal guide line on an indicator pane (RSI 30/70).</summary>
public sealed record ChartGuide(double Y, string Label);

/// <summary>How a chart writes its values (charts.js reads the same names).</summary>
public static class ChartValueFormat
{
    /// <summary><c>$1,234.56</c>, <c>-$2.00</c>.</summary>
    public const string Money = "money";

    /// <summary>Values already in percent: <c>-2.00%</c>.</summary>
    public const string Percent = "percent";
}

/// <summary>How a chart writes its times (charts.js reads the same names).</summary>
public static class ChartTimeFormat
{
    /// <summary>Wall times (UTC) shown in the viewer's time zone, to the second.</summary>
    public const string Viewer = "viewer";

    /// <summary>Times shown as stored (bars' market times), to the minute.</summary>
    public const string Market = "market";

    /// <summary>Daily bars: dates only, as stored.</summary>
    public const string Dates = "dates";
}
